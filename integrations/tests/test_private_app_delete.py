"""/settings/integrations/private-apps/<id>/delete/: confirm naming the app, then delete it."""

from pathlib import Path

from django.test import Client
from django.urls import reverse

from integrations.authentication import authenticate_token
from integrations.models import AccessToken, AuditEvent, PrivateApp
from integrations.tests.screens import HTMX, htmx_from, image_bytes, make_app, upload

LIST_URL = reverse("integrations:private-app-list")


def url(app) -> str:
    return reverse("integrations:private-app-delete", args=[app.pk])


def test_htmx_get_asks_to_confirm_in_a_dialog_naming_the_app(admin_client_, organisation):
    app, _ = make_app(organisation)

    response = admin_client_.get(url(app), **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith("<dialog")
    assert 'aria-labelledby="delete-title"' in html
    assert "Delete Marketing Sync Tool?" in html
    assert "Its token stops working immediately." in html


def test_get_without_htmx_asks_to_confirm_on_a_page(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(url(app)).content.decode()

    assert "<html" in html
    assert "Delete Marketing Sync Tool?" in html


def test_htmx_post_from_the_list_deletes_and_tells_the_list(admin_client_, organisation, admin_user):
    app, raw = make_app(organisation)

    response = admin_client_.post(url(app), REMOTE_ADDR="192.0.2.3", **htmx_from(LIST_URL))

    assert response.status_code == 200
    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()
    assert authenticate_token(raw) is None
    trigger = response["HX-Trigger"]
    assert "privateAppDeleted" in trigger
    assert "closeModal" in trigger
    assert "Private app Marketing Sync Tool deleted." in trigger
    event = AuditEvent.objects.get(action=AuditEvent.Action.APP_DELETED)
    assert (event.app_name, event.actor, event.ip_address) == ("Marketing Sync Tool", admin_user, "192.0.2.3")


def test_the_list_no_longer_shows_the_row(admin_client_, organisation):
    app, _ = make_app(organisation)
    admin_client_.post(url(app), **htmx_from(LIST_URL))

    html = admin_client_.get(LIST_URL, **HTMX).content.decode()

    assert f'id="app-row-{app.pk}"' not in html
    assert "No private apps yet" in html


def test_htmx_post_from_the_app_page_redirects_to_the_list(admin_client_, organisation):
    app, _ = make_app(organisation)

    response = admin_client_.post(url(app), **htmx_from(reverse("integrations:private-app-detail", args=[app.pk])))

    assert response["HX-Redirect"] == LIST_URL
    assert "Private app Marketing Sync Tool deleted." in admin_client_.get(LIST_URL).content.decode()


def test_post_without_htmx_redirects_to_the_list_with_a_message(admin_client_, organisation):
    app, _ = make_app(organisation)

    response = admin_client_.post(url(app), follow=True)

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert "Private app Marketing Sync Tool deleted." in response.content.decode()


def test_deleting_removes_the_logo_file(admin_client_, organisation, django_capture_on_commit_callbacks):
    app, _ = make_app(organisation, logo=upload(image_bytes("PNG")))
    path = Path(app.logo.path)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(url(app))

    assert not path.exists()


def test_it_enforces_csrf(admin_user, organisation):
    app, raw = make_app(organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    assert client.post(url(app)).status_code == 403
    assert authenticate_token(raw) is not None


def test_get_does_not_delete(admin_client_, organisation):
    app, _ = make_app(organisation)

    admin_client_.get(url(app))

    assert PrivateApp.objects.filter(pk=app.pk).exists()


def test_another_organisations_app_is_not_found(admin_client_, other_organisation):
    app, raw = make_app(other_organisation)

    assert admin_client_.get(url(app)).status_code == 404
    assert admin_client_.post(url(app)).status_code == 404
    assert authenticate_token(raw) is not None


def test_members_are_forbidden(member_client, organisation):
    app, raw = make_app(organisation)

    assert member_client.get(url(app)).status_code == 403
    assert member_client.post(url(app)).status_code == 403
    assert authenticate_token(raw) is not None
