"""GET /settings/integrations/private-apps/: the table of an organisation's private apps."""

import pytest
from django.urls import reverse
from django.utils import timezone

from integrations import services
from integrations.models import PrivateApp
from integrations.tests.screens import HTMX, make_app

URL = reverse("integrations:private-app-list")


def test_it_shows_a_clear_empty_state(admin_client_):
    response = admin_client_.get(URL)

    assert response.status_code == 200
    assert b"No private apps yet" in response.content
    assert b"<table" not in response.content


def test_it_lists_name_description_scopes_dates_and_a_link_to_the_app(admin_client_, organisation):
    app, _ = make_app(organisation, description="Pushes campaign leads", scopes=["leads:read", "contacts:read"])

    html = admin_client_.get(URL).content.decode()

    assert f'href="{reverse("integrations:private-app-detail", args=[app.pk])}">Marketing Sync Tool</a>' in html
    assert "Pushes campaign leads" in html
    assert "Lead: Read" in html
    assert "Contact: Read" in html
    assert app.created_at.strftime("%Y") in html
    assert "Never" in html


def test_it_shows_when_an_app_was_last_used(admin_client_, organisation):
    app, _ = make_app(organisation)
    PrivateApp.objects.filter(pk=app.pk).update(last_used_at=timezone.now() - timezone.timedelta(hours=3))

    html = admin_client_.get(URL).content.decode()

    assert "3\xa0hours ago" in html
    assert "Never" not in html


def test_each_row_has_an_actions_menu_with_edit_and_delete(admin_client_, organisation):
    app, _ = make_app(organisation)

    html = admin_client_.get(URL).content.decode()

    assert 'aria-label="Actions"' in html
    assert f'popovertarget="menu-{app.pk}"' in html
    assert reverse("integrations:private-app-edit", args=[app.pk]) in html
    assert reverse("integrations:private-app-delete", args=[app.pk]) in html
    assert ">Edit</button>" in html
    assert ">Delete</button>" in html


def test_create_new_opens_the_modal_with_htmx_and_falls_back_to_the_page(admin_client_):
    html = admin_client_.get(URL).content.decode()
    create_url = reverse("integrations:private-app-create")

    assert f'action="{create_url}"' in html
    assert f'hx-get="{create_url}" hx-target="#modal-root"' in html
    assert "Create new" in html
    assert "disabled" not in html


def test_it_shows_only_the_organisations_own_apps(admin_client_, organisation, other_organisation):
    make_app(organisation, name="Ours")
    make_app(other_organisation, name="Theirs")

    html = admin_client_.get(URL).content.decode()

    assert "Ours" in html
    assert "Theirs" not in html


def test_create_new_is_disabled_with_the_reason_at_the_limit(admin_client_, organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 2
    make_app(organisation, name="One")
    make_app(organisation, name="Two")

    html = admin_client_.get(URL).content.decode()

    assert 'id="create-new" class="button button-primary" disabled aria-describedby="limit-reason"' in html
    assert services.limit_reached_message() in html
    assert "2 of 2 used" in html


def test_htmx_gets_only_the_list_region(admin_client_, organisation):
    make_app(organisation)

    response = admin_client_.get(URL, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="private-apps"')
    assert "<html" not in html
    assert "Marketing Sync Tool" in html


def test_the_list_region_reloads_itself_after_create_edit_and_delete(admin_client_):
    html = admin_client_.get(URL).content.decode()

    assert "privateAppCreated from:body" in html
    assert "privateAppUpdated from:body" in html
    assert "privateAppDeleted from:body" in html


@pytest.mark.parametrize("count", [1, 10])
def test_it_costs_the_same_queries_for_one_app_or_ten(admin_client_, organisation, django_assert_num_queries, count):
    for number in range(count):
        make_app(organisation, name=f"App {number}")

    # session, user, membership, apps: no count query, no per-row query.
    with django_assert_num_queries(4):
        response = admin_client_.get(URL)

    assert response.status_code == 200


def test_it_forbids_members(member_client):
    response = member_client.get(URL)

    assert response.status_code == 403
    assert b"Only organisation admins" in response.content


def test_it_refuses_post(admin_client_):
    assert admin_client_.post(URL).status_code == 405
