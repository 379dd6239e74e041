"""Logging in and out, what each role sees, and the pages around them, driven in Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_logs_in_and_lands_on_an_accessible_home_with_settings(page, login, admin_user, assert_accessible):
    login(page, "alice")

    assert page.url.endswith("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Pte Ltd")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings")).to_be_visible()
    assert_accessible(page)


def test_a_member_sees_home_without_settings(page, login, member_user):
    login(page, "bob")

    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Pte Ltd")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Home")).to_be_visible()
    expect(page.get_by_role("link", name="Settings")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Settings.*Integration"))).to_have_count(0)


def test_a_wrong_password_keeps_you_on_an_accessible_login_page_with_an_error(
    page, login, admin_user, assert_accessible
):
    page.goto("/login/")
    assert_accessible(page, state="empty form")

    login(page, "alice", "not-the-password")

    assert "/login/" in page.url
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    expect(page.get_by_label("Username")).to_have_value("alice")
    assert_accessible(page, state="after a wrong password")


def test_a_member_opening_integration_settings_gets_an_accessible_403_page(page, login, member_user, assert_accessible):
    login(page, "bob")

    response = page.goto("/settings/integrations/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("have access to this page")
    expect(page.get_by_role("link", name="Back to home")).to_be_visible()
    assert_accessible(page)


def test_the_integration_page_is_accessible_to_an_admin(page, login, admin_user, assert_accessible):
    login(page, "alice")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Integration")
    expect(page.get_by_role("heading", name="Private app")).to_be_visible()
    assert_accessible(page)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, login, admin_user):
    login(page, "alice")
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0, "the focused skip link should be on screen"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_user_menu_opens_and_logs_out_with_the_keyboard_alone(page, login, admin_user, assert_accessible):
    login(page, "alice")
    page.goto("/")
    menu_button = page.locator("summary", has_text="alice")
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_hidden()

    menu_button.focus()
    page.keyboard.press("Enter")
    expect(log_out).to_be_visible()
    assert_accessible(page, state="user menu open")
    page.keyboard.press("Tab")
    expect(log_out).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/login/" in page.url
    page.goto("/")
    assert "/login/" in page.url, "after logging out, home should ask to log in again"


def test_the_home_page_fits_a_375px_phone_without_sideways_scrolling(page, login, admin_user):
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, "alice")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"home is {scroll_width}px wide on a 375px screen"
