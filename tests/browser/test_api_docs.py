"""The API reference at /api/v1/docs/, read by an integrator in a browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_reference_is_readable_and_accessible_without_logging_in(page, assert_accessible):
    page.goto("/api/v1/docs/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("reference")
    expect(page.get_by_role("heading", name="Authentication")).to_be_visible()
    expect(page.locator("pre", has_text="Authorization: Bearer $CRM_TOKEN").first).to_be_visible()
    assert_accessible(page)


def test_the_api_reference_fits_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/api/v1/docs/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
