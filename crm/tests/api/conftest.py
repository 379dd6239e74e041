"""Fixtures for the API tests: apps with tokens, and a client that sends the bearer header."""

import pytest
from django.core.cache import cache
from django.test import Client

from crm.catalogue import ALL_SCOPES
from integrations.services import private_app_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache; each test starts with a full allowance.
    cache.clear()
    yield
    cache.clear()


class ApiClient(Client):
    """A test client that authenticates with a bearer token and sends JSON by default."""

    def __init__(self, token: str | None = None, **defaults) -> None:
        super().__init__(**defaults)
        self.token = token

    def request(self, **request):
        if self.token is not None:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)

    def post_json(self, path: str, data, **extra):
        return self.post(path, data, content_type="application/json", **extra)

    def patch_json(self, path: str, data, **extra):
        return self.patch(path, data, content_type="application/json", **extra)


def make_app(organisation, scopes, name: str = "Sync tool"):
    """An app with the scopes, and a client holding its token."""
    app, raw = private_app_create(organisation=organisation, actor=None, name=name, scopes=list(scopes))
    return app, ApiClient(raw)


@pytest.fixture
def full_app(organisation):
    return make_app(organisation, ALL_SCOPES)


@pytest.fixture
def api(full_app) -> ApiClient:
    """Holds every scope in the first organisation."""
    return full_app[1]


@pytest.fixture
def other_api(other_organisation) -> ApiClient:
    """Holds every scope, in the other organisation."""
    return make_app(other_organisation, ALL_SCOPES, name="Their tool")[1]


@pytest.fixture
def anonymous() -> ApiClient:
    return ApiClient()


# The least each module needs, as model field values and as a JSON body.
REQUIRED_VALUES: dict[str, dict] = {
    "leads": {"name": "Ada Lovelace"},
    "contacts": {"first_name": "Grace", "last_name": "Hopper"},
    "accounts": {"name": "Analytical Engines Ltd"},
    "opportunities": {"name": "Difference engine upgrade"},
    "activities": {"subject": "Call about the engine"},
    "messages": {
        "channel": "email",
        "direction": "inbound",
        "sender": "ada@example.com",
        "recipient": "sales@example.com",
        "body": "Hello!",
    },
}


def make_record(module, organisation, **values):
    return module.model.objects.create(organisation=organisation, **{**REQUIRED_VALUES[module.resource], **values})
