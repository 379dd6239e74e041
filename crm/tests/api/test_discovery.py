from crm.tests.api.conftest import make_app


def test_it_tells_the_app_organisation_and_scopes(organisation):
    app, api = make_app(organisation, ["contacts:read", "leads:create"])
    response = api.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "app": {"id": app.pk, "name": "Sync tool"},
        "organisation": {"id": organisation.pk, "name": "Acme Pte Ltd", "slug": "acme"},
        "scopes": ["leads:create", "contacts:read"],
    }


def test_it_needs_a_token(anonymous, db):
    assert anonymous.get("/api/v1/").status_code == 401


def test_it_costs_only_the_authentication_query(api, django_assert_num_queries):
    api.get("/api/v1/")  # the first use of a token records last_used_at
    with django_assert_num_queries(1):
        assert api.get("/api/v1/").status_code == 200


def test_it_only_answers_get(api):
    response = api.post_json("/api/v1/", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
