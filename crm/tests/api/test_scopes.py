"""Every resource and method needs its own scope, and nothing else."""

import pytest

from crm.catalogue import ALL_SCOPES, MODULES
from crm.tests.api.conftest import REQUIRED_VALUES, make_app, make_record

CASES = [(module, action) for module in MODULES for action in ("read", "create", "update", "delete")]
IDS = [f"{module.resource}:{action}" for module, action in CASES]


def call(client, module, action, record):
    collection, detail = f"/api/v1/{module.resource}/", f"/api/v1/{module.resource}/{record.pk}/"
    if action == "create":
        return [client.post_json(collection, REQUIRED_VALUES[module.resource])]
    if action == "update":
        return [client.patch_json(detail, {})]
    if action == "delete":
        return [client.delete(detail)]
    return [client.get(collection), client.get(detail)]


@pytest.mark.parametrize(("module", "action"), CASES, ids=IDS)
def test_the_scope_alone_is_enough(organisation, module, action):
    record = make_record(module, organisation)
    _, client = make_app(organisation, [module.scope(action)])
    for response in call(client, module, action, record):
        assert response.status_code in (200, 201, 204)


@pytest.mark.parametrize(("module", "action"), CASES, ids=IDS)
def test_every_other_scope_together_is_not(organisation, module, action):
    record = make_record(module, organisation)
    scope = module.scope(action)
    _, client = make_app(organisation, [other for other in ALL_SCOPES if other != scope])
    count = module.model.objects.count()
    for response in call(client, module, action, record):
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == f'Bearer realm="api", error="insufficient_scope", scope="{scope}"'
        body = response.json()
        assert body["scope"] == scope
        assert scope in body["detail"]
    assert module.model.objects.count() == count
    assert module.model.objects.filter(pk=record.pk).exists()


def test_a_missing_scope_is_refused_before_the_record_is_looked_up(organisation):
    _, client = make_app(organisation, ["contacts:read"])
    # 403 for an id that does not exist either: a missing scope reveals nothing about records.
    assert client.get("/api/v1/leads/999999/").status_code == 403
