from conftest import make_user
from crm.models import Account, Contact, Lead, Membership

LEAD = "/api/v1/leads/{}/"


def test_it_changes_only_the_fields_sent(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada", email="ada@example.com", source="Web")
    before = lead.updated_at
    response = api.patch_json(LEAD.format(lead.pk), {"status": "contacted", "source": ""})
    assert response.status_code == 200
    lead.refresh_from_db()
    assert (lead.name, lead.email, lead.status, lead.source) == ("Ada", "ada@example.com", "contacted", "")
    assert lead.updated_at > before
    assert response.json() == api.get(LEAD.format(lead.pk)).json()


def test_an_empty_object_changes_nothing(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    response = api.patch_json(LEAD.format(lead.pk), {})
    assert response.status_code == 200
    assert Lead.objects.get().updated_at == lead.updated_at


def test_null_clears_a_reference(api, organisation):
    account = Account.objects.create(organisation=organisation, name="Engines")
    contact = Contact.objects.create(organisation=organisation, first_name="A", last_name="B", account=account)
    response = api.patch_json(f"/api/v1/contacts/{contact.pk}/", {"account_id": None})
    assert response.json()["account_id"] is None
    assert Contact.objects.get().account_id is None


def test_it_validates_the_fields_sent(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    response = api.patch_json(LEAD.format(lead.pk), {"name": "", "status": "hot", "email": None})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "status", "email"}
    assert Lead.objects.get().name == "Ada"


def test_it_does_not_hold_a_stale_unsent_reference_against_the_client(api, organisation):
    # The owner has since left the organisation; renaming the lead is still fine.
    owner = make_user("olivia", organisation)
    lead = Lead.objects.create(organisation=organisation, name="Ada", owner=owner)
    Membership.objects.filter(user=owner).delete()
    response = api.patch_json(LEAD.format(lead.pk), {"name": "Ada L."})
    assert response.status_code == 200
    assert Lead.objects.get().name == "Ada L."


def test_a_stale_reference_that_is_sent_is_refused(api, organisation):
    owner = make_user("olivia", organisation)
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    Membership.objects.filter(user=owner).delete()
    response = api.patch_json(LEAD.format(lead.pk), {"owner_id": owner.pk})
    assert response.json()["errors"] == {"owner_id": [f"There is no user with id {owner.pk}."]}


def test_it_refuses_read_only_and_unknown_fields(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    response = api.patch_json(LEAD.format(lead.pk), {"id": 99, "updated_at": "2025-01-01T00:00:00Z", "nick": "A"})
    assert response.json()["errors"] == {
        "id": ["This field is read-only."],
        "updated_at": ["This field is read-only."],
        "nick": ["Unknown field."],
    }


def test_it_refuses_a_reference_into_another_organisation(api, organisation, other_organisation):
    theirs = Account.objects.create(organisation=other_organisation, name="Theirs")
    contact = Contact.objects.create(organisation=organisation, first_name="A", last_name="B")
    response = api.patch_json(f"/api/v1/contacts/{contact.pk}/", {"account_id": theirs.pk})
    assert response.status_code == 400
    assert Contact.objects.get().account_id is None


def test_it_needs_a_json_object(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    assert api.patch(LEAD.format(lead.pk), "name=Eve", content_type="text/plain").status_code == 415
    assert api.patch_json(LEAD.format(lead.pk), ["name"]).status_code == 400
