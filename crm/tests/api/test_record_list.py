from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from conftest import make_user
from crm.catalogue import MODULES, module_for_resource
from crm.models import Activity, Contact, Lead
from crm.tests.api.conftest import make_record

LEADS = "/api/v1/leads/"


def ids(response) -> list[int]:
    return [record["id"] for record in response.json()["results"]]


def make_leads(organisation, count: int, **values) -> list[Lead]:
    return [Lead.objects.create(organisation=organisation, name=f"Lead {n}", **values) for n in range(count)]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.resource)
def test_it_lists_only_the_organisations_own_records(api, organisation, other_organisation, module):
    mine = make_record(module, organisation)
    make_record(module, other_organisation)
    response = api.get(f"/api/v1/{module.resource}/")
    assert response.status_code == 200
    assert response.json() == {
        "results": [api.get(f"/api/v1/{module.resource}/{mine.pk}/").json()],
        "next_cursor": None,
    }
    assert "Link" not in response


def test_it_pages_25_records_by_default_with_a_cursor_and_a_link_header(api, organisation):
    leads = make_leads(organisation, 30)
    response = api.get(LEADS)
    body = response.json()
    assert ids(response) == [lead.pk for lead in leads[:25]]
    assert body["next_cursor"]
    link = response["Link"]
    assert link.startswith("<http://testserver/api/v1/leads/?") and link.endswith('>; rel="next"')
    next_url = link[1 : link.index(">")]
    assert parse_qs(urlsplit(next_url).query) == {"cursor": [body["next_cursor"]], "limit": ["25"]}
    second = api.get(next_url)
    assert ids(second) == [lead.pk for lead in leads[25:]]
    assert second.json()["next_cursor"] is None


@pytest.mark.parametrize("limit", ["1", "100"])
def test_it_accepts_limits_from_1_to_100(api, organisation, limit):
    make_leads(organisation, 2)
    response = api.get(LEADS, {"limit": limit})
    assert response.status_code == 200
    assert len(ids(response)) == min(int(limit), 2)


@pytest.mark.parametrize("limit", ["0", "101", "1000", "abc", "-1", "2.5", "", "\u0661"])
def test_it_rejects_a_limit_outside_1_to_100(api, limit):
    response = api.get(LEADS, {"limit": limit})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {"limit": ["Enter a whole number from 1 to 100."]}


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [("id", [0, 1, 2]), ("-id", [2, 1, 0]), ("updated_at", [1, 2, 0]), ("-updated_at", [0, 2, 1])],
)
def test_it_orders_by_id_or_updated_at(api, organisation, ordering, expected):
    leads = make_leads(organisation, 3)
    leads[0].name = "Touched last"
    leads[0].save()
    response = api.get(LEADS, {"ordering": ordering})
    assert ids(response) == [leads[n].pk for n in expected]


def test_it_breaks_updated_at_ties_by_id_across_pages(api, organisation):
    leads = make_leads(organisation, 5)
    same_time = timezone.now()
    Lead.objects.filter(pk__in=[lead.pk for lead in leads]).update(updated_at=same_time)
    seen = []
    cursor = None
    while True:
        params = {"ordering": "updated_at", "limit": 2} | ({"cursor": cursor} if cursor else {})
        response = api.get(LEADS, params)
        seen += ids(response)
        cursor = response.json()["next_cursor"]
        if not cursor:
            break
    assert seen == [lead.pk for lead in leads]


def test_it_rejects_an_unknown_ordering(api):
    response = api.get(LEADS, {"ordering": "name"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"ordering": ["Choose one of: id, -id, updated_at, -updated_at."]}


def test_it_returns_only_records_updated_after_a_time(api, organisation):
    old, recent = make_leads(organisation, 2)
    Lead.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = api.get(LEADS, {"updated_after": since})
    assert ids(response) == [recent.pk]


def test_updated_after_is_exclusive_so_a_sync_can_resume_from_the_last_value_it_saw(api, organisation):
    first, second = make_leads(organisation, 2)
    last_seen = api.get(f"{LEADS}{first.pk}/").json()["updated_at"]
    assert ids(api.get(LEADS, {"updated_after": last_seen})) == [second.pk]


def test_it_forgives_an_unencoded_plus_in_the_time_zone(api, organisation):
    make_leads(organisation, 1)
    response = api.get(f"{LEADS}?updated_after=2000-01-01T00:00:00+00:00")
    assert response.status_code == 200
    assert len(ids(response)) == 1


def test_it_rejects_a_null_character_in_a_text_filter(api):
    response = api.get(LEADS, {"email": "a\x00@example.com"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"email": ["Null characters are not allowed here."]}


def test_it_accepts_any_offset_python_does_by_comparing_in_utc(api, organisation):
    # +22:18 is valid ISO 8601 and Python, but PostgreSQL refuses offsets past 15:59.
    make_leads(organisation, 1)
    response = api.get(LEADS, {"updated_after": "2000-03-25T17:58:36+22:18"})
    assert response.status_code == 200
    assert len(ids(response)) == 1


@pytest.mark.parametrize(
    "value", ["yesterday", "2025-13-01T00:00:00Z", "2025-01-01T25:00:00Z", "", "0001-01-01T00:00:00+05:00"]
)
def test_it_rejects_an_invalid_updated_after(api, value):
    response = api.get(LEADS, {"updated_after": value})
    assert response.status_code == 400
    assert "updated_after" in response.json()["errors"]


def test_it_filters_by_choice_email_and_reference(api, organisation):
    owner = make_user("olivia", organisation)
    make_leads(organisation, 2)
    qualified = Lead.objects.create(organisation=organisation, name="Q", status="qualified", email="q@example.com")
    owned = Lead.objects.create(organisation=organisation, name="Owned", owner=owner)
    assert ids(api.get(LEADS, {"status": "qualified"})) == [qualified.pk]
    assert ids(api.get(LEADS, {"email": "q@example.com"})) == [qualified.pk]
    assert ids(api.get(LEADS, {"owner_id": owner.pk})) == [owned.pk]


def test_it_filters_booleans_by_true_and_false(api, organisation):
    done = Activity.objects.create(organisation=organisation, subject="Done", done=True)
    todo = Activity.objects.create(organisation=organisation, subject="To do")
    assert ids(api.get("/api/v1/activities/", {"done": "true"})) == [done.pk]
    assert ids(api.get("/api/v1/activities/", {"done": "false"})) == [todo.pk]


def test_a_reference_filter_with_another_organisations_id_finds_nothing(api, organisation, other_organisation):
    module = module_for_resource("accounts")
    theirs = make_record(module, other_organisation)
    Contact.objects.create(organisation=organisation, first_name="A", last_name="B")
    assert ids(api.get("/api/v1/contacts/", {"account_id": theirs.pk})) == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"status": "hot"}, "status", "Choose one of: new, contacted, qualified, unqualified, converted."),
        ({"owner_id": "abc"}, "owner_id", "Enter an id: a whole number from 1 to 9223372036854775807."),
        ({"owner_id": "0"}, "owner_id", "Enter an id: a whole number from 1 to 9223372036854775807."),
        ({"owner_id": str(2**63)}, "owner_id", "Enter an id: a whole number from 1 to 9223372036854775807."),
        ({"owner": "1"}, "owner", None),
        ({"name": "Ada"}, "name", None),
        ({"status": ["new", "contacted"]}, "status", "Give this parameter only once."),
    ],
)
def test_it_rejects_invalid_or_unknown_filters(api, params, field, message):
    response = api.get(LEADS, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    else:
        assert errors[field][0].startswith("Unknown parameter.")


def test_it_rejects_true_and_false_spelt_otherwise(api):
    response = api.get("/api/v1/activities/", {"done": "1"})
    assert response.json()["errors"] == {"done": ["Enter true or false."]}


def test_the_cursor_keeps_the_filters_and_ordering_of_the_first_page(api, organisation):
    new = make_leads(organisation, 3)
    make_leads(organisation, 3, status="contacted")
    first = api.get(LEADS, {"status": "new", "ordering": "-id", "limit": 2})
    second = api.get(LEADS, {"cursor": first.json()["next_cursor"], "limit": 2})
    assert ids(first) + ids(second) == [lead.pk for lead in reversed(new)]


def test_the_cursor_may_be_sent_with_the_same_filters_restated(api, organisation):
    make_leads(organisation, 3)
    first = api.get(LEADS, {"status": "new", "limit": 2})
    second = api.get(LEADS, {"status": "new", "limit": 2, "cursor": first.json()["next_cursor"]})
    assert second.status_code == 200
    assert len(ids(second)) == 1


def test_the_cursor_refuses_different_filters(api, organisation):
    make_leads(organisation, 3)
    first = api.get(LEADS, {"status": "new", "limit": 2})
    response = api.get(LEADS, {"status": "contacted", "cursor": first.json()["next_cursor"]})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_tampered_cursor_is_a_400(api, organisation):
    make_leads(organisation, 3)
    cursor = api.get(LEADS, {"limit": 1}).json()["next_cursor"]
    tampered = cursor[:-3] + ("aaa" if not cursor.endswith("aaa") else "bbb")
    for bad in (tampered, "garbage", cursor + "x"):
        response = api.get(LEADS, {"cursor": bad})
        assert response.status_code == 400
        assert response.json()["errors"] == {"cursor": ["Not a cursor this API issued."]}


def test_a_cursor_of_one_resource_does_not_work_on_another(api, organisation):
    make_leads(organisation, 3)
    cursor = api.get(LEADS, {"limit": 1}).json()["next_cursor"]
    assert api.get("/api/v1/contacts/", {"cursor": cursor}).status_code == 400


@pytest.mark.parametrize("ordering", ["id", "updated_at"])
def test_a_page_of_100_costs_the_same_queries_as_a_page_of_1(api, organisation, ordering, django_assert_num_queries):
    owner = make_user("olivia", organisation)
    make_leads(organisation, 150, owner=owner)
    api.get("/api/v1/")  # the first use of a token records last_used_at
    for limit in (1, 100):
        with django_assert_num_queries(2):
            response = api.get(LEADS, {"limit": limit, "ordering": ordering})
        with django_assert_num_queries(2):
            assert api.get(LEADS, {"limit": limit, "cursor": response.json()["next_cursor"]}).status_code == 200
