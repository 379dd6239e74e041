"""POST /settings/integrations/private-apps/<id>/token/reveal/: the plaintext, on demand, audited."""

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse

from integrations.models import AuditEvent
from integrations.tests.screens import make_app

JSON = {"HTTP_ACCEPT": "application/json"}


def url(app) -> str:
    return reverse("integrations:token-reveal", args=[app.pk])


@pytest.mark.parametrize(("purpose", "action"), [("reveal", "token_revealed"), ("copy", "token_copied")])
def test_it_returns_the_token_and_audits_why(admin_client_, organisation, admin_user, purpose, action):
    app, raw = make_app(organisation)

    response = admin_client_.post(url(app), {"purpose": purpose}, REMOTE_ADDR="192.0.2.9", **JSON)

    assert response.status_code == 200
    assert response.json() == {"token": raw}
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=action)
    assert (event.app, event.actor, event.ip_address) == (app, admin_user, "192.0.2.9")
    assert raw not in str(event.changes)


def test_without_javascript_it_renders_the_auth_tab_with_the_token_shown(admin_client_, organisation):
    app, raw = make_app(organisation)

    response = admin_client_.post(url(app), {"purpose": "reveal"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="token-value" aria-labelledby="token-label" aria-live="polite">{raw}</code>' in html
    assert 'aria-label="Hide token"' in html
    assert "no-store" in response["Cache-Control"]


def test_it_refuses_get(admin_client_, organisation):
    app, raw = make_app(organisation)

    response = admin_client_.get(url(app))

    assert response.status_code == 405
    assert raw not in response.content.decode()


def test_it_enforces_csrf(admin_user, organisation):
    app, raw = make_app(organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post(url(app), {"purpose": "reveal"}, **JSON)

    assert response.status_code == 403
    assert raw not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVEALED).exists()


def test_another_organisations_token_is_not_found(admin_client_, other_organisation):
    app, raw = make_app(other_organisation)

    response = admin_client_.post(url(app), {"purpose": "reveal"}, **JSON)

    assert response.status_code == 404
    assert raw not in response.content.decode()


def test_members_are_forbidden(member_client, organisation):
    app, raw = make_app(organisation)

    response = member_client.post(url(app), {"purpose": "copy"}, **JSON)

    assert response.status_code == 403
    assert raw not in response.content.decode()


def test_a_token_encrypted_under_an_old_key_says_to_generate_a_new_one(admin_client_, organisation, settings):
    app, _ = make_app(organisation)
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()

    response = admin_client_.post(url(app), {"purpose": "reveal"}, **JSON)

    assert response.status_code == 404
    assert response.json() == {"detail": "This token can't be shown. Generate a new token to get one you can copy."}
    assert not AuditEvent.objects.filter(action__in=["token_revealed", "token_copied"]).exists()
