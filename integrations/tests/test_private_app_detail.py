"""GET /settings/integrations/private-apps/<id>/ and .../auth/: the app page and its Auth tab."""

from datetime import UTC, datetime

from django.urls import reverse

from integrations.models import AccessToken
from integrations.tests.screens import HTMX, make_app


def detail_url(app) -> str:
    return reverse("integrations:private-app-detail", args=[app.pk])


def auth_url(app) -> str:
    return reverse("integrations:private-app-auth", args=[app.pk])


def test_the_details_tab_shows_the_app_and_its_scopes(admin_client_, organisation, admin_user):
    app, _ = make_app(organisation, admin_user, description="Syncs leads", scopes=["leads:read", "messages:delete"])

    response = admin_client_.get(detail_url(app))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Marketing Sync Tool</h1>" in html
    assert "Syncs leads" in html
    assert f'href="{detail_url(app)}" aria-current="page">Details</a>' in html
    assert f'href="{auth_url(app)}">Auth</a>' in html
    assert html.count('aria-label="Allowed"') == 2
    assert "by alice" in html
    assert "Never" in html


def test_the_auth_tab_shows_the_masked_token_but_never_the_plaintext(admin_client_, organisation):
    app, raw = make_app(organisation)
    token = AccessToken.objects.get(app=app)

    response = admin_client_.get(auth_url(app))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{auth_url(app)}" aria-current="page">Auth</a>' in html
    assert raw not in html
    assert raw[6:-4] not in html  # not even its middle
    assert token.masked in html
    assert f"crmpa_••••••••{raw[-4:]}" in html
    for name in ("Reveal token", "Copy token"):
        assert f'aria-label="{name}"' in html
    assert "Generate new token" in html
    assert "Token created" in html


def test_the_auth_tab_has_a_ready_curl_example_and_links_the_api_docs(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(auth_url(app)).content.decode()

    assert 'curl -H "Authorization: Bearer $TOKEN" http://testserver/api/v1/leads/' in html
    assert 'href="/api/v1/docs/"' in html


def test_the_auth_tab_shows_when_the_token_was_last_used(admin_client_, organisation):
    app, _ = make_app(organisation)
    AccessToken.objects.filter(app=app).update(last_used_at=datetime(2026, 5, 4, 9, 30, tzinfo=UTC))

    html = admin_client_.get(auth_url(app)).content.decode()

    assert "4 May 2026, 09:30" in html


def test_both_tabs_work_for_htmx_requests(admin_client_, organisation):
    app, raw = make_app(organisation)

    for url in (detail_url(app), auth_url(app)):
        response = admin_client_.get(url, **HTMX)
        assert response.status_code == 200
        assert 'id="app-page"' in response.content.decode()
        assert raw not in response.content.decode()


def test_the_page_reloads_itself_after_an_edit_or_a_new_token(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(auth_url(app)).content.decode()

    assert "privateAppUpdated from:body, accessTokenRegenerated from:body" in html


def test_another_organisations_app_is_not_found(admin_client_, other_organisation):
    app, _ = make_app(other_organisation)

    assert admin_client_.get(detail_url(app)).status_code == 404
    assert admin_client_.get(auth_url(app)).status_code == 404


def test_a_missing_app_is_not_found(admin_client_):
    assert admin_client_.get(reverse("integrations:private-app-detail", args=[999])).status_code == 404


def test_members_are_forbidden(member_client, organisation):
    app, _ = make_app(organisation)

    assert member_client.get(detail_url(app)).status_code == 403
    assert member_client.get(auth_url(app)).status_code == 403
