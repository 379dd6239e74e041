import pytest

from crm.api import views


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/v2/leads/", "/api/", "/api/v1/leads/abc/"])
def test_unknown_api_paths_are_problem_404s(api, path):
    assert_problem(api.get(path), 404)


def test_a_missing_record_is_a_problem_404(api):
    body = assert_problem(api.get("/api/v1/leads/999999/"), 404)
    assert body["detail"] == "There is no lead with id 999999."


def test_an_unsupported_method_is_a_problem_405_with_allow(api):
    response = api.put("/api/v1/leads/", {}, content_type="application/json")
    assert_problem(response, 405)
    assert response["Allow"] == "GET, POST"


def test_an_unsupported_method_on_a_record_lists_the_allowed_ones(api):
    response = api.put("/api/v1/leads/1/", {}, content_type="application/json")
    assert_problem(response, 405)
    assert response["Allow"] == "GET, PATCH, DELETE"


def test_an_unexpected_error_is_a_problem_500_that_reveals_nothing(api, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "record_page", explode)
    body = assert_problem(api.get("/api/v1/leads/"), 500)
    assert "secret" not in str(body)


def test_pages_outside_the_api_keep_their_html_errors(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
