from django.test import Client

from crm.tests.api.conftest import ApiClient, make_app
from integrations import tokens
from integrations.services import access_token_regenerate, private_app_delete, private_app_update

DISCOVERY = "/api/v1/"
LEADS = "/api/v1/leads/"


def assert_invalid_token(response, challenge='Bearer realm="api", error="invalid_token"'):
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == challenge
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Invalid token"
    assert body["detail"]
    assert "RateLimit" not in response


def test_it_asks_for_a_token_when_none_is_sent(anonymous, db):
    assert_invalid_token(anonymous.get(LEADS), challenge='Bearer realm="api"')


def test_it_rejects_a_malformed_token_without_a_query(anonymous, db, django_assert_num_queries):
    anonymous.token = "crmpa_not-a-real-token"
    with django_assert_num_queries(0):
        response = anonymous.get(LEADS)
    assert_invalid_token(response)


def test_it_rejects_a_token_whose_checksum_fails_without_a_query(api, db, django_assert_num_queries):
    first = api.token[6]
    api.token = api.token[:6] + ("B" if first == "A" else "A") + api.token[7:]
    with django_assert_num_queries(0):
        response = api.get(LEADS)
    assert_invalid_token(response)


def test_it_rejects_a_well_formed_token_that_was_never_issued(db):
    assert_invalid_token(ApiClient(tokens.generate()).get(LEADS))


def test_it_rejects_other_authorization_schemes(api):
    response = api.get(LEADS, HTTP_AUTHORIZATION=f"Basic {api.token}")
    assert_invalid_token(response)


def test_it_accepts_the_scheme_name_in_any_case(api):
    assert api.get(LEADS, HTTP_AUTHORIZATION=f"bearer {api.token}").status_code == 200


def test_it_ignores_a_token_in_the_query_string(api):
    response = Client().get(LEADS, {"access_token": api.token, "token": api.token})
    assert_invalid_token(response, challenge='Bearer realm="api"')


def test_it_does_not_authenticate_with_the_session_cookie(client, admin_user):
    client.force_login(admin_user)
    response = client.get(LEADS)
    assert_invalid_token(response, challenge='Bearer realm="api"')


def test_it_rejects_the_old_token_on_the_next_request_after_regeneration(full_app):
    app, api = full_app
    assert api.get(LEADS).status_code == 200
    _, new_raw = access_token_regenerate(app=app, actor=None)
    assert_invalid_token(api.get(LEADS))
    assert ApiClient(new_raw).get(LEADS).status_code == 200


def test_it_rejects_the_token_of_a_deleted_app(full_app):
    app, api = full_app
    private_app_delete(app=app, actor=None)
    assert_invalid_token(api.get(LEADS))


def test_scope_edits_take_effect_on_the_next_request(organisation):
    app, api = make_app(organisation, ["leads:read"])
    assert api.get(LEADS).status_code == 200
    private_app_update(app=app, actor=None, name=app.name, description="", scopes=["contacts:read"])
    assert api.get(LEADS).status_code == 403
    assert api.get("/api/v1/contacts/").status_code == 200
