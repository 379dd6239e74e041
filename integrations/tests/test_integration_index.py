"""GET /settings/integrations/: the Integration page with its Private app card."""

from django.urls import reverse

from integrations.tests.screens import HTMX

URL = reverse("integrations:index")


def test_it_shows_the_private_app_card_with_an_integrate_link(admin_client_):
    response = admin_client_.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Private app" in html
    assert f'href="{reverse("integrations:private-app-list")}"' in html
    assert ">Integrate</a>" in html


def test_it_renders_the_settings_sidebar(admin_client_):
    html = admin_client_.get(URL).content.decode()

    assert 'aria-label="Settings"' in html
    assert "Integration" in html


def test_it_works_for_htmx_requests_too(admin_client_):
    response = admin_client_.get(URL, **HTMX)

    assert response.status_code == 200
    assert b"Integrate" in response.content


def test_it_forbids_members(member_client):
    assert member_client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_post(admin_client_):
    assert admin_client_.post(URL).status_code == 405
