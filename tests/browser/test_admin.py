"""Support staff in the Django admin, under the same Content-Security-Policy as production."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from crm.models import Lead
from integrations.services import private_app_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_support_staff_find_an_app_and_open_a_lead_without_anything_blocked(page, staff_user, organisation):
    _, raw = private_app_create(organisation=organisation, actor=None, name="Warehouse export", scopes=["leads:read"])
    lead = Lead.objects.create(organisation=organisation, name="Ada Lovelace")

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto("/admin/integrations/privateapp/")
    expect(page.get_by_role("link", name="Warehouse export")).to_be_visible()
    page.get_by_role("link", name="Warehouse export").click()
    expect(page.get_by_text(raw[-4:]).first).to_be_visible()
    assert raw not in page.content()

    page.goto(f"/admin/crm/lead/{lead.pk}/change/")
    expect(page.get_by_label("Name:")).to_have_value("Ada Lovelace")
    # The organisation autocomplete (select2) opens and searches.
    page.locator(".field-organisation .select2-selection").click()
    page.locator(".select2-search__field").fill("Acme")
    expect(page.locator(".select2-results__option", has_text="Acme Pte Ltd")).to_be_visible()
