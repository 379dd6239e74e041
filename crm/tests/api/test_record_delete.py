from crm.models import Account, Contact, Lead


def test_it_deletes_the_record(api, organisation):
    lead = Lead.objects.create(organisation=organisation, name="Ada")
    response = api.delete(f"/api/v1/leads/{lead.pk}/")
    assert response.status_code == 204
    assert response.content == b""
    assert not Lead.objects.exists()
    assert api.get(f"/api/v1/leads/{lead.pk}/").status_code == 404


def test_records_that_referred_to_it_lose_the_reference_and_show_up_as_changed(api, organisation):
    account = Account.objects.create(organisation=organisation, name="Engines")
    contact = Contact.objects.create(organisation=organisation, first_name="A", last_name="B", account=account)
    before = contact.updated_at
    assert api.delete(f"/api/v1/accounts/{account.pk}/").status_code == 204
    contact.refresh_from_db()
    assert contact.account_id is None
    assert contact.updated_at > before
    changed = api.get("/api/v1/contacts/", {"updated_after": before.isoformat()}).json()["results"]
    assert [record["id"] for record in changed] == [contact.pk]
