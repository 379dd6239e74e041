"""GET /settings/integrations/private-apps/<id>/activity/: the app's audit trail for its admins."""

import pytest
from django.urls import reverse

from integrations import services
from integrations.tests.screens import HTMX, make_app


def url(app) -> str:
    return reverse("integrations:private-app-activity", args=[app.pk])


def test_it_tells_who_did_what_and_from_where(admin_client_, organisation, admin_user):
    app, raw = make_app(organisation, admin_user, scopes=["leads:read", "contacts:read"])
    services.private_app_update(
        app=app,
        actor=admin_user,
        name="Renamed Tool",
        description="",
        scopes=["leads:read", "leads:delete"],
        ip_address="198.51.100.7",
    )
    services.access_token_reveal(app=app, actor=admin_user, purpose="copy", ip_address="198.51.100.7")
    _, new_raw = services.access_token_regenerate(app=app, actor=admin_user, ip_address="198.51.100.8")

    response = admin_client_.get(url(app))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{url(app)}" aria-current="page">Activity</a>' in html
    assert "App edited" in html
    assert "Renamed from “Marketing Sync Tool” to “Renamed Tool”." in html
    assert "Scopes added: Lead: Delete." in html
    assert "Scopes removed: Contact: Read." in html
    assert "Token copied" in html
    assert f"Token ending in {raw[-4:]}." in html
    assert f"New token ending in {new_raw[-4:]}. The previous token stopped working." in html
    assert "198.51.100.8" in html
    assert "App created" in html
    # Newest first, and never a token.
    assert html.index("Token generated") < html.index("App edited") < html.index("App created")
    assert raw not in html and new_raw not in html


def test_it_costs_the_same_queries_however_long_the_trail(
    admin_client_, organisation, admin_user, django_assert_max_num_queries
):
    app, _ = make_app(organisation, admin_user)
    for _ in range(30):
        services.access_token_reveal(app=app, actor=admin_user)
    with django_assert_max_num_queries(8):
        response = admin_client_.get(url(app))
    assert response.content.decode().count("Token revealed") == 30


def test_it_works_for_htmx_requests(admin_client_, organisation):
    app, _ = make_app(organisation)
    response = admin_client_.get(url(app), **HTMX)
    assert response.status_code == 200
    assert "App created" in response.content.decode()


def test_members_are_refused(member_client, organisation):
    app, _ = make_app(organisation)
    assert member_client.get(url(app)).status_code == 403


@pytest.mark.parametrize("method", ["post", "delete"])
def test_it_only_answers_get(admin_client_, organisation, method):
    app, _ = make_app(organisation)
    assert getattr(admin_client_, method)(url(app)).status_code == 405


def test_another_organisations_app_is_not_found(other_admin_client, organisation):
    app, _ = make_app(organisation)
    assert other_admin_client.get(url(app)).status_code == 404
