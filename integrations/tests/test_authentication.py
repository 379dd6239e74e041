"""authenticate_token: one query for a good token, none for garbage, and rare writes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integrations import services, tokens
from integrations.authentication import authenticate_token
from integrations.models import AccessToken, PrivateApp


@pytest.fixture
def app_and_token(organisation):
    return services.private_app_create(organisation=organisation, actor=None, name="Zapier", scopes=["leads:read"])


def mark_used(token: AccessToken, when) -> None:
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=when)


def test_it_returns_the_token_with_its_app_and_organisation_in_one_query(
    app_and_token, organisation, django_assert_num_queries
):
    app, raw = app_and_token
    mark_used(AccessToken.objects.get(app=app), timezone.now())

    with django_assert_num_queries(1):
        token = authenticate_token(raw)
        assert token.app == app
        assert token.app.organisation.name == organisation.name
        assert token.app.scopes == ["leads:read"]


def test_the_first_use_in_a_minute_selects_once_and_updates_token_and_app(app_and_token, django_assert_num_queries):
    app, raw = app_and_token

    with django_assert_num_queries(3) as captured:
        token = authenticate_token(raw)

    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    assert statements == ["SELECT", "UPDATE", "UPDATE"]
    assert token is not None
    assert AccessToken.objects.get(pk=token.pk).last_used_at is not None
    assert PrivateApp.objects.get(pk=app.pk).last_used_at is not None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "crmpa_",
        "not-a-token",
        "Bearer crmpa_abc",
        "crmpb_" + "0" * 36,
        "crmpa_" + "0" * 35 + "!",
        None,
        12345,
    ],
)
def test_malformed_tokens_cost_no_query(db, raw, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert authenticate_token(raw) is None


def test_a_token_with_a_bad_checksum_costs_no_query(app_and_token, django_assert_num_queries):
    _, raw = app_and_token
    tampered = raw[:-1] + ("0" if raw[-1] != "0" else "1")

    with django_assert_num_queries(0):
        assert authenticate_token(tampered) is None


def test_an_unknown_but_well_formed_token_is_refused(app_and_token, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert authenticate_token(tokens.generate()) is None


def test_a_token_replaced_by_a_new_one_is_refused(app_and_token):
    app, old_raw = app_and_token

    _, new_raw = services.access_token_regenerate(app=app, actor=None)

    assert authenticate_token(old_raw) is None
    assert authenticate_token(new_raw).app == app


def test_a_revoked_token_is_refused(app_and_token):
    app, raw = app_and_token

    services.access_token_revoke(token=AccessToken.objects.get(app=app), actor=None)

    assert authenticate_token(raw) is None


def test_the_token_of_a_deleted_app_is_refused(app_and_token):
    app, raw = app_and_token

    services.private_app_delete(app=app, actor=None)

    assert authenticate_token(raw) is None


def test_a_token_digested_under_another_key_is_refused(app_and_token, settings):
    _, raw = app_and_token

    settings.TOKEN_HMAC_KEY = "a-rotated-key"

    assert authenticate_token(raw) is None


def test_last_used_is_not_written_again_within_a_minute(app_and_token, django_assert_num_queries):
    app, raw = app_and_token
    recent = timezone.now() - timedelta(seconds=30)
    mark_used(AccessToken.objects.get(app=app), recent)

    with django_assert_num_queries(1):
        authenticate_token(raw)

    assert AccessToken.objects.get(app=app).last_used_at == recent


def test_last_used_is_refreshed_once_it_is_older_than_a_minute(app_and_token):
    app, raw = app_and_token
    stale = timezone.now() - timedelta(minutes=2)
    mark_used(AccessToken.objects.get(app=app), stale)
    PrivateApp.objects.filter(pk=app.pk).update(last_used_at=stale)

    token = authenticate_token(raw)

    stored = AccessToken.objects.get(pk=token.pk)
    assert stored.last_used_at > stale
    assert stored.last_used_at > timezone.now() - timedelta(seconds=10)
    assert PrivateApp.objects.get(pk=app.pk).last_used_at == stored.last_used_at
    assert token.last_used_at == stored.last_used_at


def test_fields_it_does_not_load_are_fetched_on_demand_not_made_up(app_and_token, organisation):
    app, raw = app_and_token
    PrivateApp.objects.filter(pk=app.pk).update(description="Pushes leads to the warehouse")

    token = authenticate_token(raw)

    assert token.app.description == "Pushes leads to the warehouse"
    assert token.app.organisation.created_at == organisation.created_at
    assert token.last_used_at.tzinfo is not None
