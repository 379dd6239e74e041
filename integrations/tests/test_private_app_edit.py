"""/settings/integrations/private-apps/<id>/edit/: the same two steps, prefilled; the token stays."""

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from integrations import services
from integrations.authentication import authenticate_token
from integrations.models import AccessToken, AuditEvent, PrivateApp
from integrations.tests.screens import HTMX, htmx_from, image_bytes, make_app, upload


def url(app) -> str:
    return reverse("integrations:private-app-edit", args=[app.pk])


def state_of(response) -> str:
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


def next_step(client, app, name="Marketing Sync Tool", description="", headers=None, **extra):
    data = {"step": "1", "name": name, "description": description, **extra}
    return client.post(url(app), data, **(headers or {}))


def save(client, app, state, scopes, headers=None):
    return client.post(url(app), {"step": "2", "state": state, "scopes": scopes, "action": "save"}, **(headers or {}))


def test_htmx_get_renders_step_one_prefilled_in_a_dialog(admin_client_, organisation):
    app, _ = make_app(organisation, description="Syncs leads")

    response = admin_client_.get(url(app), **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith("<dialog")
    assert 'id="wizard-title">Edit Marketing Sync Tool' in html
    assert 'value="Marketing Sync Tool"' in html
    assert "Syncs leads</textarea>" in html
    assert '<input type="hidden" name="scopes" value="leads:read">' in html


def test_get_without_htmx_renders_a_full_page(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(url(app)).content.decode()

    assert "<html" in html
    assert "hx-post" not in html


def test_step_two_is_prefilled_with_the_apps_scopes(admin_client_, organisation):
    app, _ = make_app(organisation, scopes=["contacts:read", "accounts:update"])
    get = admin_client_.get(url(app)).content.decode()
    carried = re.findall(r'name="scopes" value="([^"]+)"', get)

    html = next_step(admin_client_, app, scopes=carried).content.decode()

    assert 'value="contacts:read" aria-label="Contact: Read" checked' in html
    assert 'value="accounts:update" aria-label="Account: Update" checked' in html
    assert 'aria-label="Lead: Read" checked' not in html


def test_editing_scopes_keeps_the_token_and_takes_effect(admin_client_, organisation, admin_user):
    app, raw = make_app(organisation, scopes=["leads:read", "contacts:read"])
    state = state_of(next_step(admin_client_, app, name="Renamed", headers=HTMX))

    response = save(admin_client_, app, state, ["leads:read", "leads:update"], headers=htmx_from("/somewhere/"))

    assert response.status_code == 200
    app.refresh_from_db()
    assert (app.name, app.scopes) == ("Renamed", ["leads:read", "leads:update"])
    token = authenticate_token(raw)
    assert token is not None
    assert token.app.has_scope("leads:update")
    assert not token.app.has_scope("contacts:read")
    assert AccessToken.objects.filter(app=app).count() == 1
    trigger = response["HX-Trigger"]
    assert "privateAppUpdated" in trigger
    assert "closeModal" in trigger
    assert "Changes to Renamed saved." in trigger
    event = AuditEvent.objects.get(action=AuditEvent.Action.APP_EDITED)
    assert event.actor == admin_user
    assert event.changes["scopes"]["to"] == ["leads:read", "leads:update"]


def test_saving_without_htmx_redirects_to_the_app_with_a_message(admin_client_, organisation):
    app, _ = make_app(organisation)
    state = state_of(next_step(admin_client_, app))

    response = save(admin_client_, app, state, ["leads:read"])

    assert response.status_code == 302
    assert response["Location"] == reverse("integrations:private-app-detail", args=[app.pk])
    page = admin_client_.get(response["Location"]).content.decode()
    assert "Changes to Marketing Sync Tool saved." in page


def test_keeping_its_own_name_in_another_case_is_fine_but_a_colleagues_is_not(admin_client_, organisation):
    app, _ = make_app(organisation)
    make_app(organisation, name="Billing")

    own = next_step(admin_client_, app, name="MARKETING sync tool").content.decode()
    taken = next_step(admin_client_, app, name="billing").content.decode()

    assert "Tip: Always follow" in own
    assert services.NAME_TAKEN_MESSAGE in taken


def test_the_logo_can_be_replaced_and_removed(admin_client_, organisation, django_capture_on_commit_callbacks):
    app, _ = make_app(organisation, logo=upload(image_bytes("PNG")))
    first = Path(app.logo.path)
    state = state_of(next_step(admin_client_, app, logo=upload(image_bytes("JPEG"), "new.jpg", "image/jpeg")))
    with django_capture_on_commit_callbacks(execute=True):
        save(admin_client_, app, state, ["leads:read"])
    app.refresh_from_db()
    second = Path(app.logo.path)
    assert second.suffix == ".jpg"
    assert not first.exists()  # the replaced file goes once the change is committed

    assert 'name="remove_logo"' in admin_client_.get(url(app)).content.decode()
    state = state_of(next_step(admin_client_, app, remove_logo="on"))
    with django_capture_on_commit_callbacks(execute=True):
        save(admin_client_, app, state, ["leads:read"])

    app.refresh_from_db()
    assert not app.logo
    assert not second.exists()


def test_a_state_signed_for_another_app_is_refused(admin_client_, organisation):
    app, _ = make_app(organisation)
    other, _ = make_app(organisation, name="Other")
    state = state_of(next_step(admin_client_, other, name="Other"))

    response = save(admin_client_, app, state, ["messages:delete"])

    assert "This form was changed or has expired" in response.content.decode()
    app.refresh_from_db()
    assert app.scopes == ["leads:read", "leads:create"]


def test_a_name_taken_between_the_steps_is_refused_and_nothing_changes(admin_client_, organisation):
    app, _ = make_app(organisation)
    state = state_of(next_step(admin_client_, app, name="Billing", headers=HTMX))
    make_app(organisation, name="BILLING")

    response = save(admin_client_, app, state, ["messages:read"], headers=HTMX)

    html = response.content.decode()
    assert services.NAME_TAKEN_MESSAGE in html
    assert 'id="wizard-title">Edit Marketing Sync Tool' in html
    app.refresh_from_db()
    assert (app.name, app.scopes) == ("Marketing Sync Tool", ["leads:read", "leads:create"])


def test_removing_every_scope_is_refused(admin_client_, organisation):
    app, _ = make_app(organisation)
    state = state_of(next_step(admin_client_, app))

    response = save(admin_client_, app, state, [])

    assert "Choose at least one scope." in response.content.decode()
    app.refresh_from_db()
    assert app.scopes == ["leads:read", "leads:create"]


def test_it_works_at_the_limit(admin_client_, organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 1
    app, _ = make_app(organisation)

    response = admin_client_.get(url(app))

    assert services.limit_reached_message() not in response.content.decode()
    assert 'value="Marketing Sync Tool"' in response.content.decode()


def test_another_organisations_app_is_not_found(admin_client_, other_organisation):
    app, _ = make_app(other_organisation)

    assert admin_client_.get(url(app)).status_code == 404
    assert next_step(admin_client_, app, name="Hijacked").status_code == 404
    assert PrivateApp.objects.get().name == "Marketing Sync Tool"


def test_members_are_forbidden(member_client, organisation):
    app, _ = make_app(organisation)

    assert member_client.get(url(app)).status_code == 403
    assert next_step(member_client, app).status_code == 403


def test_it_enforces_csrf(admin_user, organisation):
    app, _ = make_app(organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    assert next_step(client, app, name="Renamed").status_code == 403
