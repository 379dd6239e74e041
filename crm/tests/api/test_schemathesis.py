"""Property-based tests of the whole API against its own OpenAPI document (Schemathesis, in-process).

Every operation gets generated requests, valid and invalid, sent through the real WSGI stack
with a token holding every scope: none may answer 5xx or break the document's promises
(status codes, content types, headers, response bodies).
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crm.api.openapi import openapi_document
from crm.catalogue import MODULES
from crm.tests.api.conftest import make_record

SCHEMA = schemathesis.openapi.from_dict(openapi_document())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Modest by default so the suite stays fast; raise it to hunt: API_FUZZ_EXAMPLES=200 make test
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture
def wsgi_app(settings):
    settings.API_RATE_LIMIT = (1_000_000, 60)
    # Like Django's test client: keep the test's transaction open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(organisation):
    # A few records of each module, so generated ids sometimes find one.
    for module in MODULES:
        for _ in range(3):
            make_record(module, organisation)


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_every_operation_keeps_its_documented_promises(api, records, wsgi_app, operation, mode):
    headers = {"Authorization": f"Bearer {api.token}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call(app=wsgi_app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    check()
