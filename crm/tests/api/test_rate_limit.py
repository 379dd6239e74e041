import re

import pytest

LEADS = "/api/v1/leads/"


@pytest.fixture
def three_per_hour(settings):
    settings.API_RATE_LIMIT = (3, 3600)


def remaining(response) -> int:
    return int(re.fullmatch(r'"default";r=(\d+);t=(\d+)', response["RateLimit"]).group(1))


def test_every_authenticated_response_carries_the_rate_limit_headers(api, three_per_hour):
    response = api.get(LEADS)
    assert response["RateLimit-Policy"] == '"default";q=3;w=3600'
    assert re.fullmatch(r'"default";r=2;t=\d+', response["RateLimit"])
    reset = int(response["RateLimit"].rsplit("t=", 1)[1])
    assert 1 <= reset <= 3600


def test_error_responses_after_authentication_carry_them_too(api, three_per_hour):
    response = api.get("/api/v1/leads/999999/")
    assert response.status_code == 404
    assert remaining(response) == 2


def test_it_counts_down_and_then_refuses_with_429(api, three_per_hour):
    assert [remaining(api.get(LEADS)) for _ in range(3)] == [2, 1, 0]
    response = api.get(LEADS)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert remaining(response) == 0
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "3 requests every 3600 seconds" in response.json()["detail"]


def test_each_token_has_its_own_allowance(api, other_api, three_per_hour):
    for _ in range(3):
        api.get(LEADS)
    assert api.get(LEADS).status_code == 429
    assert other_api.get(LEADS).status_code == 200


def test_unauthenticated_requests_do_not_use_up_a_tokens_allowance(api, anonymous, three_per_hour):
    for _ in range(5):
        anonymous.get(LEADS)
    assert remaining(api.get(LEADS)) == 2
