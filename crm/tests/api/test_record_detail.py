from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from conftest import make_user
from crm.api.fields import api_fields
from crm.catalogue import MODULES
from crm.models import Account, Activity, Lead, Opportunity
from crm.tests.api.conftest import make_record


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.resource)
def test_it_returns_exactly_the_catalogue_fields(api, organisation, module):
    record = make_record(module, organisation)
    response = api.get(f"/api/v1/{module.resource}/{record.pk}/")
    assert response.status_code == 200
    expected_keys = ["id", *(field.key for field in api_fields(module)), "created_at", "updated_at"]
    assert list(response.json()) == expected_keys
    assert response.json()["id"] == record.pk


def test_it_shows_references_as_ids_and_times_in_iso_8601(api, organisation):
    owner = make_user("olivia", organisation)
    lead = Lead.objects.create(organisation=organisation, name="Ada", email="ada@example.com", owner=owner)
    body = api.get(f"/api/v1/leads/{lead.pk}/").json()
    assert body["owner_id"] == owner.pk
    assert body["status"] == "new"
    assert datetime.fromisoformat(body["created_at"]) == lead.created_at
    assert body["updated_at"].endswith("Z")
    assert datetime.fromisoformat(body["updated_at"]) == lead.updated_at


def test_it_shows_decimals_as_strings_and_dates_as_iso_dates(api, organisation):
    account = Account.objects.create(organisation=organisation, name="Globex")
    opportunity = Opportunity.objects.create(
        organisation=organisation,
        name="Big deal",
        account=account,
        amount=Decimal("1250.5"),
        close_date=date(2025, 1, 31),
    )
    body = api.get(f"/api/v1/opportunities/{opportunity.pk}/").json()
    assert body["amount"] == "1250.50"
    assert body["close_date"] == "2025-01-31"
    assert body["account_id"] == account.pk
    assert body["contact_id"] is None


def test_it_shows_booleans_and_nullable_times(api, organisation):
    due = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    activity = Activity.objects.create(organisation=organisation, subject="Call", due_at=due, done=True)
    body = api.get(f"/api/v1/activities/{activity.pk}/").json()
    assert body["done"] is True
    assert body["due_at"] == "2025-03-01T09:30:00Z"


def test_another_organisations_record_looks_exactly_like_a_missing_one(api, other_organisation):
    theirs = Lead.objects.create(organisation=other_organisation, name="Theirs")
    found = api.get(f"/api/v1/leads/{theirs.pk}/")
    missing = api.get(f"/api/v1/leads/{theirs.pk + 1000}/")
    assert found.status_code == missing.status_code == 404
    assert found.json()["title"] == missing.json()["title"]
    assert "Theirs" not in found.content.decode()


def test_a_huge_id_is_simply_not_found(api):
    assert api.get(f"/api/v1/leads/{10**30}/").status_code == 404


def test_a_detail_read_costs_authentication_plus_one_query(api, organisation, django_assert_num_queries):
    owner = make_user("olivia", organisation)
    lead = Lead.objects.create(organisation=organisation, name="Ada", owner=owner)
    api.get("/api/v1/")  # the first use of a token records last_used_at
    with django_assert_num_queries(2):
        assert api.get(f"/api/v1/leads/{lead.pk}/").status_code == 200
