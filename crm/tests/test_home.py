"""The organisation's home page: record counts per module, and what each role sees."""

import pytest
from django.urls import reverse

from crm.catalogue import MODULES
from crm.models import Account, Lead


def test_it_redirects_anonymous_users_to_login(client, db):
    response = client.get(reverse("crm:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_only_the_organisations_own_counts(admin_client_, organisation, other_organisation):
    Lead.objects.create(organisation=organisation, name="Mine")
    Lead.objects.create(organisation=other_organisation, name="Theirs 1")
    Lead.objects.create(organisation=other_organisation, name="Theirs 2")
    Account.objects.create(organisation=other_organisation, name="Theirs")
    response = admin_client_.get(reverse("crm:home"))
    assert response.status_code == 200
    assert b'data-module="leads">1<' in response.content
    assert b'data-module="accounts">0<' in response.content
    assert b"Acme Pte Ltd" in response.content
    assert b"Globex" not in response.content


def test_it_counts_every_module(member_client):
    content = member_client.get(reverse("crm:home")).content.decode()
    for module in MODULES:
        assert f'data-module="{module.resource}">0<' in content
        assert module.label_plural in content


def test_admins_see_the_settings_entry(admin_client_):
    response = admin_client_.get(reverse("crm:home"))
    assert f'href="{reverse("integrations:index")}"'.encode() in response.content
    assert b">Settings</a>" in response.content


def test_members_do_not_see_the_settings_entry(member_client):
    response = member_client.get(reverse("crm:home"))
    assert response.status_code == 200
    assert reverse("integrations:index").encode() not in response.content


@pytest.mark.parametrize("client_fixture", ["admin_client_", "member_client"])
def test_the_layout_shows_the_user_menu_with_a_logout_form(client_fixture, request):
    response = request.getfixturevalue(client_fixture).get(reverse("crm:home"))
    assert b'class="user-menu"' in response.content
    assert f'<form method="post" action="{reverse("logout")}">'.encode() in response.content


def test_only_staff_see_the_django_admin_link(admin_client_):
    response = admin_client_.get(reverse("crm:home"))
    assert reverse("admin:index").encode() not in response.content


def test_it_refuses_post(admin_client_):
    assert admin_client_.post(reverse("crm:home")).status_code == 405


def test_the_query_count_does_not_grow_with_records(admin_client_, organisation, django_assert_num_queries):
    Lead.objects.bulk_create(Lead(organisation=organisation, name=f"Lead {n}") for n in range(30))
    # session, user, membership with organisation, then one COUNT per module
    with django_assert_num_queries(3 + len(MODULES)):
        admin_client_.get(reverse("crm:home"))
