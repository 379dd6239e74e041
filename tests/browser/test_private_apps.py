"""Settings > Integration > Private app, clicked through as a new admin would, with the token
proved against the real API after every change."""

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from PIL import Image
from playwright.sync_api import expect

from integrations.models import PrivateApp
from integrations.services import private_app_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST_URL = "/settings/integrations/private-apps/"


def png(path: Path, width: int = 96, height: int = 96) -> Path:
    Image.new("RGB", (width, height), "#2f6fde").save(path, "PNG")
    return path


def api_status(live_server, token: str, resource: str = "leads") -> int:
    url = f"{live_server.url}/api/v1/{resource}/"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310 (http, our server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def tab_to(page, target, limit: int = 40) -> None:
    """Press Tab until `target` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} never received focus after {limit} presses of Tab")


def open_actions_menu(page, app_name: str):
    page.locator("tr", has_text=app_name).get_by_role("button", name="Actions").click()
    return page.locator(".popover-menu:popover-open")


@pytest.fixture
def app_list(page, login, admin_user):
    login(page, "alice")
    page.goto(LIST_URL)
    return page


def test_an_admin_creates_an_app_from_the_integrate_card_and_sees_it_listed_without_a_reload(
    page, login, admin_user, assert_accessible, tmp_path
):
    login(page, "alice")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Integrate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Private apps")
    assert_accessible(page, state="empty list")
    page.evaluate("window.sameDocument = true")

    page.get_by_role("button", name="Create new").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Name")).to_be_focused()
    assert_accessible(page, state="create dialog, step 1")
    dialog.get_by_label("Name").fill("Marketing Sync Tool")
    dialog.get_by_label(re.compile("^Logo")).set_input_files(png(tmp_path / "logo.png"))
    dialog.get_by_label("Description").fill("Syncs web-form leads from the marketing site.")
    dialog.get_by_role("button", name="Next").click()

    expect(dialog.get_by_label("Lead: Read")).to_be_visible()
    assert_accessible(page, state="create dialog, step 2")
    dialog.get_by_label("Lead: Read").check()
    dialog.get_by_label("Lead: Create").check()
    dialog.get_by_role("button", name="Save").click()

    expect(dialog.get_by_role("heading", level=2)).to_have_text("Marketing Sync Tool is ready")
    assert_accessible(page, state="app created")
    dialog.get_by_role("button", name="Done").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    row = page.locator("tr", has_text="Marketing Sync Tool")
    expect(row).to_contain_text("Syncs web-form leads")
    logo = row.locator("img.app-logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the uploaded logo should load"
    assert page.evaluate("window.sameDocument") is True, "the list should update without reloading the page"
    app = PrivateApp.objects.get(name="Marketing Sync Tool")
    assert app.scopes == ["leads:read", "leads:create"]
    assert app.logo
    assert_accessible(page, state="list with one app")


def test_the_auth_tab_reveals_hides_and_copies_a_working_token_and_generate_new_token_retires_it(
    page, login, organisation, admin_user, assert_accessible, live_server
):
    _, token = private_app_create(organisation=organisation, actor=admin_user, name="Billing", scopes=["leads:read"])
    login(page, "alice")
    page.goto(LIST_URL)
    page.get_by_role("link", name="Billing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Billing")
    assert_accessible(page, state="Details tab")

    page.get_by_role("link", name="Auth").click()
    token_value = page.locator("#token-value")
    expect(token_value).to_have_text(re.compile(f"•+{token[-4:]}$"))
    assert token not in page.content(), "the plaintext must not be in the page until asked for"
    assert_accessible(page, state="Auth tab, masked")

    page.get_by_role("button", name="Reveal token").click()
    expect(token_value).to_have_text(token)
    expect(page.get_by_role("button", name="Hide token")).to_be_visible()
    assert_accessible(page, state="Auth tab, revealed")
    page.get_by_role("button", name="Hide token").click()
    expect(token_value).not_to_contain_text(token)
    expect(page.get_by_role("button", name="Reveal token")).to_be_visible()

    page.get_by_role("button", name="Copy token").click()
    expect(page.get_by_role("status").filter(has_text="Token copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == token
    assert api_status(live_server, copied) == 200

    page.get_by_role("button", name="Generate new token").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Generate a new token for Billing?")
    assert_accessible(page, state="Generate new token confirmation")
    dialog.get_by_role("button", name="Generate new token").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="New token generated")).to_be_visible()
    # The tab reloads itself with the new token's masked form (its last four differ).
    expect(token_value).not_to_have_text(re.compile(f"{token[-4:]}$"))
    page.get_by_role("button", name="Reveal token").click()
    expect(token_value).not_to_have_text(re.compile("•"))
    new_token = token_value.inner_text()
    assert new_token != token
    assert api_status(live_server, token) == 401
    assert api_status(live_server, new_token) == 200


def test_editing_scopes_through_the_three_dot_menu_takes_effect_on_the_same_token(
    app_list, organisation, admin_user, assert_accessible, live_server
):
    page = app_list
    _, token = private_app_create(
        organisation=organisation, actor=admin_user, name="Support inbox", scopes=["leads:read", "contacts:read"]
    )
    page.reload()
    assert api_status(live_server, token, "contacts") == 200

    menu = open_actions_menu(page, "Support inbox")
    expect(menu.get_by_role("button", name="Edit")).to_be_focused()
    assert_accessible(page, state="actions menu open")
    menu.get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Name")).to_have_value("Support inbox")
    assert_accessible(page, state="edit dialog, step 1")
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.get_by_label("Contact: Read")).to_be_checked()
    dialog.get_by_label("Contact: Read").uncheck()
    dialog.get_by_role("button", name="Save").click()

    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("tr", has_text="Support inbox")).not_to_contain_text("Contact")
    assert api_status(live_server, token, "contacts") == 403
    assert api_status(live_server, token, "leads") == 200


def test_deleting_through_the_three_dot_menu_names_the_app_and_its_token_stops_working(
    app_list, organisation, admin_user, assert_accessible, live_server
):
    page = app_list
    private_app_create(organisation=organisation, actor=admin_user, name="Keep me", scopes=["leads:read"])
    _, token = private_app_create(organisation=organisation, actor=admin_user, name="Old sync", scopes=["leads:read"])
    page.reload()

    open_actions_menu(page, "Old sync").get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Delete Old sync?")
    assert_accessible(page, state="delete confirmation")
    dialog.get_by_role("button", name="Delete").click()

    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("tr", has_text="Old sync")).to_have_count(0)
    expect(page.locator("tr", has_text="Keep me")).to_have_count(1)
    assert api_status(live_server, token) == 401


@override_settings(PRIVATE_APPS_PER_ORGANISATION=20)
def test_at_the_limit_of_20_create_new_is_disabled_and_says_why(
    page, login, organisation, admin_user, assert_accessible
):
    for number in range(20):
        private_app_create(organisation=organisation, actor=admin_user, name=f"App {number}", scopes=["leads:read"])
    login(page, "alice")
    page.goto(LIST_URL)

    create = page.get_by_role("button", name="Create new")
    expect(create).to_be_disabled()
    expect(create).to_have_accessible_description(re.compile("limit of 20 private apps"))
    expect(page.get_by_text("reached the limit of 20 private apps")).to_be_visible()
    assert_accessible(page, state="at the limit")


def test_modal_errors_sit_next_to_their_fields_and_back_keeps_what_was_typed(app_list, assert_accessible, tmp_path):
    page = app_list
    page.get_by_role("button", name="Create new").click()
    dialog = page.get_by_role("dialog")
    name, logo, description = (
        dialog.get_by_label("Name"),
        dialog.get_by_label(re.compile("^Logo")),
        dialog.get_by_label("Description"),
    )

    dialog.get_by_role("button", name="Next").click()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("Enter a name for the app"))
    expect(name).to_be_focused()
    assert_next_to(name, dialog.get_by_text("Enter a name for the app"))
    assert_accessible(page, state="step 1, missing name")

    name.fill("Warehouse feed")
    description.fill("Pushes stock levels into opportunities.")
    logo.set_input_files(png(tmp_path / "wide.png", 300, 100))
    dialog.get_by_role("button", name="Next").click()
    expect(logo).to_have_accessible_description(re.compile("square"))
    expect(name).not_to_have_attribute("aria-invalid", "true")
    assert_accessible(page, state="step 1, non-square logo")

    logo.set_input_files(png(tmp_path / "square.png"))
    dialog.get_by_role("button", name="Next").click()
    dialog.get_by_role("button", name="Save").click()
    scopes = dialog.get_by_role("group", name="Scopes")
    expect(scopes).to_have_accessible_description(re.compile("Choose at least one scope"))
    assert_accessible(page, state="step 2, no scope")

    dialog.get_by_label("Opportunity: Update").check()
    dialog.get_by_role("button", name="Back").click()
    expect(name).to_have_value("Warehouse feed")
    expect(description).to_have_value("Pushes stock levels into opportunities.")
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.get_by_label("Opportunity: Update")).to_be_checked()
    assert not PrivateApp.objects.exists()


def assert_next_to(field, message) -> None:
    """The message shows just below its field: same column, within a line or two."""
    field_box, message_box = field.bounding_box(), message.bounding_box()
    assert field_box and message_box
    assert 0 <= message_box["y"] - (field_box["y"] + field_box["height"]) <= 60
    assert abs(message_box["x"] - field_box["x"]) <= 20


def test_the_keyboard_alone_opens_and_escapes_dialogs_the_menu_and_the_tabs(
    app_list, organisation, admin_user, live_server
):
    page = app_list
    private_app_create(organisation=organisation, actor=admin_user, name="Billing", scopes=["leads:read"])
    page.reload()

    create = page.get_by_role("button", name="Create new")
    tab_to(page, create)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Name")).to_be_focused()
    page.keyboard.type("Typed, then abandoned")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(create).to_be_focused()

    actions = page.locator("tr", has_text="Billing").get_by_role("button", name="Actions")
    tab_to(page, actions)
    page.keyboard.press("Enter")
    edit = page.get_by_role("button", name="Edit")
    expect(edit).to_be_focused()
    page.keyboard.press("Escape")
    expect(edit).to_be_hidden()
    expect(actions).to_be_focused()
    page.keyboard.press("Enter")
    expect(edit).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.get_by_label("Name")).to_have_value("Billing")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(actions).to_be_focused()

    tab_to(page, page.get_by_role("link", name="Billing"))
    page.keyboard.press("Enter")
    auth = page.get_by_role("link", name="Auth")
    tab_to(page, auth)
    page.keyboard.press("Enter")
    expect(auth).to_have_attribute("aria-current", "page")
    tab_to(page, page.get_by_role("button", name="Reveal token"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Hide token")).to_be_focused()
    expect(page.locator("#token-value")).not_to_have_text(re.compile("•"))


def test_the_private_app_pages_fit_a_375px_phone_without_sideways_scrolling(page, login, organisation, admin_user):
    app, _ = private_app_create(
        organisation=organisation,
        actor=admin_user,
        name="Support inbox",
        description="Files inbound WhatsApp and email messages against contacts.",
        scopes=["contacts:read", "messages:read", "messages:create"],
    )
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, "alice")

    for path in (LIST_URL, f"{LIST_URL}{app.pk}/", f"{LIST_URL}{app.pk}/auth/"):
        page.goto(path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 375, f"{path} is {scroll_width}px wide on a 375px screen"


def test_pressing_enter_on_the_scope_step_saves_rather_than_going_back(app_list):
    page = app_list
    page.get_by_role("button", name="Create new").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Enter Key App")
    dialog.get_by_label("Name").press("Enter")

    lead_read = dialog.get_by_label("Lead: Read")
    expect(lead_read).to_be_visible()
    lead_read.check()
    lead_read.press("Enter")

    expect(dialog.get_by_text("Copy this token now")).to_be_visible()
    assert PrivateApp.objects.filter(name="Enter Key App", scopes=["leads:read"]).exists()


def test_the_activity_tab_shows_who_saw_the_token(app_list, admin_user, assert_accessible):
    page = app_list
    app, _ = private_app_create(
        organisation=admin_user.membership.organisation, actor=admin_user, name="Audited", scopes=["leads:read"]
    )
    page.goto(f"{LIST_URL}{app.pk}/auth/")
    page.get_by_role("button", name="Reveal token").click()
    expect(page.get_by_role("button", name="Hide token")).to_be_visible()

    page.get_by_role("link", name="Activity").click()

    expect(page.get_by_role("link", name="Activity")).to_have_attribute("aria-current", "page")
    rows = page.locator(".activity-table tbody tr")
    expect(rows.first).to_contain_text("Token revealed")
    expect(rows.last).to_contain_text("App created")
    assert_accessible(page, state="activity tab")
