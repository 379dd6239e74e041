"""Logging in and out, and what a signed-in user without an organisation sees."""

from django.urls import reverse

from conftest import PASSWORD, make_user


def test_the_login_page_has_a_labelled_form(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username">Username</label>' in response.content
    assert b'<label for="id_password">Password</label>' in response.content
    assert b"csrfmiddlewaretoken" in response.content


def test_it_logs_in_and_lands_on_the_home_page(client, admin_user):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain == [(reverse("crm:home"), 302)]
    assert b"Acme Pte Ltd" in response.content


def test_it_returns_to_the_page_asked_for(client, admin_user):
    target = reverse("integrations:index")
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.url == target


def test_it_rejects_a_wrong_password_with_a_clear_error(client, admin_user):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert b"Please enter a correct username and password" in response.content
    assert b'value="alice"' in response.content  # the username stays filled in
    assert "_auth_user_id" not in client.session


def test_it_does_not_follow_a_next_url_to_another_site(client, admin_user):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("crm:home")


def test_a_signed_in_user_skips_the_login_page(admin_client_):
    response = admin_client_.get(reverse("login"))
    assert response.status_code == 302
    assert response.url == reverse("crm:home")


def test_logout_refuses_get_so_a_link_cannot_log_people_out(admin_client_):
    response = admin_client_.get(reverse("logout"))
    assert response.status_code == 405
    assert admin_client_.get(reverse("crm:home")).status_code == 200


def test_logout_by_post_ends_the_session(admin_client_):
    response = admin_client_.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert admin_client_.get(reverse("crm:home")).status_code == 302


def test_a_user_without_an_organisation_gets_an_explanation_not_a_crash(client, db):
    make_user("loner")
    client.login(username="loner", password=PASSWORD)
    response = client.get(reverse("crm:home"))
    assert response.status_code == 403
    assert b"does not belong to an organisation" in response.content
    # Home is refused too, so the page offers a way out instead of a link back to it.
    assert f'action="{reverse("logout")}"'.encode() in response.content
    assert b"Back to home" not in response.content


def test_support_staff_without_an_organisation_are_pointed_to_the_django_admin(staff_client):
    response = staff_client.get(reverse("crm:home"))
    assert response.status_code == 403
    assert b"Go to the Django admin" in response.content
