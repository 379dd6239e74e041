"""/settings/integrations/private-apps/<id>/token/regenerate/: confirm, then replace the token."""

from django.test import Client
from django.urls import reverse

from integrations import tokens
from integrations.authentication import authenticate_token
from integrations.models import AccessToken, AuditEvent
from integrations.tests.screens import HTMX, make_app


def url(app) -> str:
    return reverse("integrations:token-regenerate", args=[app.pk])


def test_htmx_get_asks_to_confirm_in_a_dialog(admin_client_, organisation):
    app, _ = make_app(organisation)

    response = admin_client_.get(url(app), **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith("<dialog")
    assert "The current token stops working immediately." in html
    assert f'hx-post="{url(app)}"' in html


def test_get_without_htmx_asks_to_confirm_on_a_page(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(url(app)).content.decode()

    assert "<html" in html
    assert "The current token stops working immediately." in html
    assert "hx-post" not in html


def test_htmx_post_replaces_the_token_at_once(admin_client_, organisation, admin_user):
    app, old = make_app(organisation)

    response = admin_client_.post(url(app), REMOTE_ADDR="192.0.2.1", **HTMX)

    assert response.status_code == 200
    assert authenticate_token(old) is None
    active = AccessToken.objects.get(app=app, revoked_at__isnull=True)
    assert active.digest != tokens.digest(old)
    assert AccessToken.objects.filter(app=app).count() == 2
    trigger = response["HX-Trigger"]
    assert "accessTokenRegenerated" in trigger
    assert "closeModal" in trigger
    assert "New token generated." in trigger
    event = AuditEvent.objects.get(action=AuditEvent.Action.TOKEN_GENERATED)
    assert (event.actor, event.ip_address) == (admin_user, "192.0.2.1")


def test_the_new_token_is_not_in_the_response(admin_client_, organisation):
    app, _ = make_app(organisation)

    response = admin_client_.post(url(app), **HTMX)

    assert b"crmpa_" not in response.content


def test_post_without_htmx_redirects_to_the_auth_tab_with_a_message(admin_client_, organisation):
    app, old = make_app(organisation)

    response = admin_client_.post(url(app), follow=True)

    assert response.redirect_chain[-1][0] == reverse("integrations:private-app-auth", args=[app.pk])
    assert "New token generated. The old token no longer works." in response.content.decode()
    assert authenticate_token(old) is None


def test_it_enforces_csrf(admin_user, organisation):
    app, old = make_app(organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    assert client.post(url(app)).status_code == 403
    assert authenticate_token(old) is not None


def test_another_organisations_app_is_not_found(admin_client_, other_organisation):
    app, old = make_app(other_organisation)

    assert admin_client_.get(url(app)).status_code == 404
    assert admin_client_.post(url(app)).status_code == 404
    assert authenticate_token(old) is not None


def test_members_are_forbidden(member_client, organisation):
    app, old = make_app(organisation)

    assert member_client.get(url(app)).status_code == 403
    assert member_client.post(url(app)).status_code == 403
    assert authenticate_token(old) is not None
