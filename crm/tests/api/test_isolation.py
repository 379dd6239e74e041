"""Another organisation's records are invisible and untouchable, through every resource and method."""

import pytest

from crm.catalogue import MODULES
from crm.models import Account, Contact, Lead, Opportunity
from crm.tests.api.conftest import REQUIRED_VALUES, make_record

BY_RESOURCE = pytest.mark.parametrize("module", MODULES, ids=lambda module: module.resource)


@BY_RESOURCE
def test_it_cannot_read_another_organisations_record(api, other_organisation, module):
    theirs = make_record(module, other_organisation)
    assert api.get(f"/api/v1/{module.resource}/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/{module.resource}/").json()["results"] == []


@BY_RESOURCE
def test_it_cannot_update_another_organisations_record(api, other_organisation, module):
    theirs = make_record(module, other_organisation)
    first_field = module.fields[0]
    response = api.patch_json(f"/api/v1/{module.resource}/{theirs.pk}/", {})
    assert response.status_code == 404
    before = getattr(theirs, first_field)
    theirs.refresh_from_db()
    assert getattr(theirs, first_field) == before


@BY_RESOURCE
def test_it_cannot_delete_another_organisations_record(api, other_organisation, module):
    theirs = make_record(module, other_organisation)
    assert api.delete(f"/api/v1/{module.resource}/{theirs.pk}/").status_code == 404
    assert module.model.objects.filter(pk=theirs.pk).exists()


@BY_RESOURCE
def test_it_creates_only_inside_its_own_organisation(api, organisation, module):
    response = api.post_json(f"/api/v1/{module.resource}/", REQUIRED_VALUES[module.resource])
    assert module.model.objects.get(pk=response.json()["id"]).organisation == organisation


@pytest.fixture
def their_records(other_organisation):
    account = Account.objects.create(organisation=other_organisation, name="Theirs")
    contact = Contact.objects.create(organisation=other_organisation, first_name="T", last_name="T")
    lead = Lead.objects.create(organisation=other_organisation, name="Theirs")
    opportunity = Opportunity.objects.create(organisation=other_organisation, name="Theirs")
    return {"account_id": account.pk, "contact_id": contact.pk, "lead_id": lead.pk, "opportunity_id": opportunity.pk}


@pytest.mark.parametrize(
    ("resource", "key"),
    [
        ("contacts", "account_id"),
        ("opportunities", "account_id"),
        ("opportunities", "contact_id"),
        ("activities", "lead_id"),
        ("activities", "contact_id"),
        ("activities", "account_id"),
        ("activities", "opportunity_id"),
        ("messages", "contact_id"),
        ("messages", "lead_id"),
    ],
)
def test_it_cannot_refer_to_another_organisations_record(api, organisation, their_records, resource, key):
    module = next(module for module in MODULES if module.resource == resource)
    payload = {**REQUIRED_VALUES[resource], key: their_records[key]}
    created = api.post_json(f"/api/v1/{resource}/", payload)
    assert created.status_code == 400
    assert list(created.json()["errors"]) == [key]
    mine = make_record(module, organisation)
    patched = api.patch_json(f"/api/v1/{resource}/{mine.pk}/", {key: their_records[key]})
    assert patched.status_code == 400
    mine.refresh_from_db()
    assert getattr(mine, key) is None
