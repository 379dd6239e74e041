from django.urls import reverse

from crm.models import Lead


def test_it_redirects_anonymous_users_to_login(client, db):
    response = client.get(reverse("crm:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_only_the_organisations_own_counts(admin_client_, organisation, other_organisation):
    Lead.objects.create(organisation=organisation, name="Mine")
    Lead.objects.create(organisation=other_organisation, name="Theirs 1")
    Lead.objects.create(organisation=other_organisation, name="Theirs 2")
    response = admin_client_.get(reverse("crm:home"))
    assert response.status_code == 200
    assert b'data-module="leads">1<' in response.content
    assert b"Acme Pte Ltd" in response.content
    assert b"Globex" not in response.content


def test_admins_see_the_settings_entry(admin_client_):
    response = admin_client_.get(reverse("crm:home"))
    assert reverse("integrations:index").encode() in response.content


def test_members_do_not_see_the_settings_entry(member_client):
    response = member_client.get(reverse("crm:home"))
    assert response.status_code == 200
    assert reverse("integrations:index").encode() not in response.content
