"""Walking a list page by page while other clients create, update and delete records."""

from datetime import datetime

from crm.models import Lead

LEADS = "/api/v1/leads/"


def make_leads(organisation, count: int, prefix: str = "Lead") -> list[Lead]:
    return [Lead.objects.create(organisation=organisation, name=f"{prefix} {n}") for n in range(count)]


def touch(lead: Lead) -> None:
    lead.refresh_from_db()
    lead.source = f"{lead.source}+"
    lead.save()


def walk(api, ordering: str, between_pages) -> list[dict]:
    """Every record the pages return, in order, calling between_pages(page_number, seen) after each."""
    seen: list[dict] = []
    params = {"ordering": ordering, "limit": 3}
    for page_number in range(100):
        body = api.get(LEADS, params).json()
        seen += body["results"]
        if not body["next_cursor"]:
            return seen
        between_pages(page_number, seen)
        params = {"cursor": body["next_cursor"], "limit": 3}
    raise AssertionError("the walk did not end")


def test_ordering_by_id_neither_skips_nor_repeats_while_records_change(api, organisation):
    leads = make_leads(organisation, 12)
    expected = {lead.pk for lead in leads}

    def between_pages(page_number, seen):
        unseen = Lead.objects.exclude(pk__in=[record["id"] for record in seen]).order_by("pk")
        touch(leads[0])  # already seen
        touch(unseen.last())  # not yet seen
        expected.update(lead.pk for lead in make_leads(organisation, 2, prefix=f"New {page_number}"))
        if page_number == 1:
            doomed = unseen.first()
            expected.discard(doomed.pk)
            doomed.delete()

    seen_ids = [record["id"] for record in walk(api, "id", between_pages)]
    assert seen_ids == sorted(expected)


def test_ordering_by_updated_at_sees_every_change_once_and_never_goes_back(api, organisation):
    leads = make_leads(organisation, 12)
    untouched = {lead.pk for lead in leads}
    created = []

    def between_pages(page_number, seen):
        if page_number >= 3:  # changes arrive at the end of this order; stop so the walk can end
            return
        seen_ids = {record["id"] for record in seen}
        unseen = [lead for lead in leads if lead.pk not in seen_ids]
        for lead in (leads[0], unseen[0]):  # one already seen, one not yet
            touch(lead)
            untouched.discard(lead.pk)
        created.extend(make_leads(organisation, 2, prefix=f"New {page_number}"))

    seen = walk(api, "updated_at", between_pages)
    keys = [(datetime.fromisoformat(record["updated_at"]), record["id"]) for record in seen]
    # Strictly increasing: no record version is returned twice and nothing goes backwards.
    assert keys == sorted(set(keys))
    # A record changed after it was seen comes round again, with its new version; nothing is skipped.
    last_version = {record["id"]: record["updated_at"] for record in seen}
    for lead in Lead.objects.filter(organisation=organisation):
        assert datetime.fromisoformat(last_version[lead.pk]) == lead.updated_at
    assert {lead.pk for lead in created} <= set(last_version)
    ids = [record["id"] for record in seen]
    assert all(ids.count(pk) == 1 for pk in untouched)


def test_descending_orders_neither_skip_nor_repeat_older_records(api, organisation):
    make_leads(organisation, 10)
    for ordering in ("-id", "-updated_at"):
        before = list(Lead.objects.order_by("-pk").values_list("pk", flat=True))
        seen = walk(api, ordering, lambda page_number, seen: make_leads(organisation, 1, prefix="Later"))
        assert [record["id"] for record in seen] == before
