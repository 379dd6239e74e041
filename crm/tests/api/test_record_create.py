import json
from decimal import Decimal

import pytest

from conftest import make_user
from crm.catalogue import MODULES
from crm.models import Account, Lead, Opportunity
from crm.tests.api.conftest import REQUIRED_VALUES

LEADS = "/api/v1/leads/"


def assert_validation_error(response, errors: dict):
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Validation error"
    assert body["errors"] == errors


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.resource)
def test_it_creates_a_record_and_points_to_it(api, organisation, module):
    response = api.post_json(f"/api/v1/{module.resource}/", REQUIRED_VALUES[module.resource])
    assert response.status_code == 201
    record = module.model.objects.get()
    assert record.organisation == organisation
    assert response["Location"] == f"http://testserver/api/v1/{module.resource}/{record.pk}/"
    assert response.json() == api.get(response["Location"]).json()


def test_it_fills_omitted_fields_with_their_defaults(api):
    body = api.post_json(LEADS, {"name": "Ada"}).json()
    assert body["status"] == "new"
    assert body["email"] == ""
    assert body["owner_id"] is None


def test_it_takes_every_writable_field(api, organisation):
    owner = make_user("olivia", organisation)
    payload = {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "company": "Engines",
        "status": "qualified",
        "source": "Referral",
        "owner_id": owner.pk,
    }
    body = api.post_json(LEADS, payload).json()
    assert {key: body[key] for key in payload} == payload


@pytest.mark.parametrize("amount", ["1250.50", 1250.5, 1250, "0"])
def test_it_accepts_an_amount_as_a_string_or_a_number(api, amount):
    response = api.post_json("/api/v1/opportunities/", {"name": "Deal", "amount": amount})
    assert response.status_code == 201
    assert Decimal(response.json()["amount"]) == Decimal(str(amount))
    assert Opportunity.objects.get().amount == Decimal(str(amount))


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({}, {"name": ["This field is required."]}),
        ({"name": "   "}, {"name": ["This field is required."]}),
        ({"name": True}, {"name": ["Expected a string."]}),
        ({"name": 42}, {"name": ["Expected a string."]}),
        ({"name": None}, {"name": ["This field may not be null."]}),
        ({"name": "x" * 201}, {"name": ["Ensure this value has at most 200 characters (it has 201)."]}),
        (
            {"name": "Ada", "status": "hot"},
            {"status": ["“hot” is not one of: new, contacted, qualified, unqualified, converted."]},
        ),
        ({"name": "Ada", "email": "not-an-email"}, {"email": ["Enter a valid email address."]}),
        ({"name": "Ada", "owner_id": "1"}, {"owner_id": ["Expected the id of a record (a whole number) or null."]}),
        ({"name": "Ada", "owner_id": True}, {"owner_id": ["Expected the id of a record (a whole number) or null."]}),
        ({"name": "Ada", "owner_id": 10**30}, {"owner_id": [f"There is no user with id {10**30}."]}),
        ({"name": "Ada", "id": 7}, {"id": ["This field is read-only."]}),
        ({"name": "Ada", "created_at": "2025-01-01T00:00:00Z"}, {"created_at": ["This field is read-only."]}),
        ({"name": "Ada", "updated_at": "2025-01-01T00:00:00Z"}, {"updated_at": ["This field is read-only."]}),
        ({"name": "Ada", "organisation_id": 1}, {"organisation_id": ["Unknown field."]}),
        ({"name": "Ada", "owner": 1}, {"owner": ["Unknown field. Did you mean owner_id?"]}),
        ({"name": "Ada", "colour": "red"}, {"colour": ["Unknown field."]}),
        (
            {"name": "Ada", "phone": "call me"},
            {"phone": ["Enter a valid phone number: 6 to 15 digits, optionally starting with +."]},
        ),
        ({"name": "Ada\u0000"}, {"name": ["Null characters are not allowed."]}),
    ],
)
def test_it_rejects_invalid_leads_and_writes_nothing(api, payload, errors):
    assert_validation_error(api.post_json(LEADS, payload), errors)
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"amount": "abc"}, {"amount": ["Enter a number."]}),
        ({"amount": True}, {"amount": ['Expected a decimal number, as a string such as "1250.50" or a number.']}),
        ({"amount": "-1"}, {"amount": ["Ensure this value is greater than or equal to 0."]}),
        ({"amount": "1.234"}, {"amount": ["Ensure that there are no more than 2 decimal places."]}),
        ({"amount": 1e20}, {"amount": ["Ensure that there are no more than 14 digits in total."]}),
        ({"currency": "usd"}, {"currency": ["Enter an ISO 4217 currency code in capitals, such as USD, EUR or SGD."]}),
        ({"close_date": "31/01/2025"}, {"close_date": ["Expected an ISO 8601 date, such as 2025-01-31."]}),
        ({"close_date": "2025-02-30"}, {"close_date": ["Expected an ISO 8601 date, such as 2025-01-31."]}),
        ({"close_date": 20250131}, {"close_date": ["Expected a string."]}),
        (
            {"stage": "Won"},
            {"stage": ["“Won” is not one of: prospecting, qualification, proposal, negotiation, won, lost."]},
        ),
    ],
)
def test_it_rejects_invalid_opportunities(api, payload, errors):
    assert_validation_error(api.post_json("/api/v1/opportunities/", {"name": "Deal", **payload}), errors)
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"done": "yes"}, {"done": ["Expected true or false."]}),
        ({"done": 1}, {"done": ["Expected true or false."]}),
        ({"due_at": "tomorrow"}, {"due_at": ["Expected an ISO 8601 date and time, such as 2025-01-31T09:30:00Z."]}),
        ({"due_at": 1735689600}, {"due_at": ["Expected a string."]}),
        ({"kind": None}, {"kind": ["This field may not be null."]}),
    ],
)
def test_it_rejects_invalid_activities(api, payload, errors):
    assert_validation_error(api.post_json("/api/v1/activities/", {"subject": "Call", **payload}), errors)


def test_it_accepts_times_with_offsets_and_stores_them_in_utc(api):
    body = api.post_json("/api/v1/activities/", {"subject": "Call", "due_at": "2025-01-31T17:30:00+08:00"}).json()
    assert body["due_at"] == "2025-01-31T09:30:00Z"


def test_a_message_needs_its_channel_and_direction(api):
    response = api.post_json("/api/v1/messages/", {"sender": "a", "recipient": "b", "body": "Hi"})
    assert_validation_error(
        response, {"channel": ["This field is required."], "direction": ["This field is required."]}
    )


def test_a_reference_into_another_organisation_reads_like_a_missing_id(api, other_organisation):
    theirs = Account.objects.create(organisation=other_organisation, name="Theirs")
    foreign = api.post_json("/api/v1/contacts/", {"first_name": "A", "last_name": "B", "account_id": theirs.pk})
    missing = api.post_json("/api/v1/contacts/", {"first_name": "A", "last_name": "B", "account_id": theirs.pk + 99})
    assert_validation_error(foreign, {"account_id": [f"There is no account with id {theirs.pk}."]})
    assert missing.json()["errors"] == {"account_id": [f"There is no account with id {theirs.pk + 99}."]}


def test_an_owner_from_another_organisation_is_refused(api, other_admin):
    response = api.post_json(LEADS, {"name": "Ada", "owner_id": other_admin.pk})
    assert_validation_error(response, {"owner_id": [f"There is no user with id {other_admin.pk}."]})


def test_a_reference_inside_the_organisation_is_accepted(api, organisation):
    account = Account.objects.create(organisation=organisation, name="Ours")
    response = api.post_json("/api/v1/contacts/", {"first_name": "A", "last_name": "B", "account_id": account.pk})
    assert response.status_code == 201
    assert response.json()["account_id"] == account.pk


def post_raw(api, body: bytes, content_type: str = "application/json"):
    # CONTENT_TYPE as an extra too: the test client leaves it out when the body is empty.
    return api.generic("POST", LEADS, body, content_type=content_type, CONTENT_TYPE=content_type)


@pytest.mark.parametrize(
    ("body", "detail_start"),
    [
        (b"{name: 'Ada'}", "The body is not valid JSON: Expecting property name"),
        (b"", "The body is not valid JSON: Expecting value"),
        (b'["Ada"]', "The body must be a JSON object, not an array."),
        (b'"Ada"', "The body must be a JSON object, not a string."),
        (b"null", "The body must be a JSON object, not null."),
        (b'{"name": "Ada \xff"}', "The body is not valid UTF-8"),
        (b'{"name": "Ada", "amount": NaN}', "The body is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "The body is not valid JSON"),
        (b'{"name": 1' + b"0" * 5000 + b"}", "The body is not valid JSON"),
        ('{"name": "Ada"}'.encode("utf-16"), "The body is not valid UTF-8"),
    ],
)
def test_it_rejects_a_body_that_is_not_a_json_object(api, body, detail_start):
    response = post_raw(api, body)
    assert response.status_code == 400
    assert response.json()["title"] in ("Invalid JSON",)
    assert response.json()["detail"].startswith(detail_start)
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
        "application/json; charset=latin-1",
    ],
)
def test_it_rejects_other_content_types_with_415(api, content_type):
    response = post_raw(api, b'{"name": "Ada"}', content_type=content_type)
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
    assert not Lead.objects.exists()


def test_it_accepts_json_with_a_utf8_charset(api):
    assert post_raw(api, b'{"name": "Ada"}', content_type="application/json; charset=UTF-8").status_code == 201


def test_it_refuses_a_body_over_the_cap_with_413(api, settings):
    settings.API_MAX_BODY_BYTES = 1024
    response = post_raw(api, json.dumps({"name": "Ada", "source": "x" * 2000}).encode())
    assert response.status_code == 413
    assert response.json()["detail"] == "The body may be at most 1024 bytes."
    assert not Lead.objects.exists()


def test_it_refuses_a_body_longer_than_its_declared_length(api, settings):
    settings.API_MAX_BODY_BYTES = 1024
    response = api.generic("POST", LEADS, b"{}", content_type="application/json", CONTENT_LENGTH="5000")
    assert response.status_code == 413


def test_it_creates_without_the_trailing_slash_too(api):
    response = api.post_json(LEADS.rstrip("/"), {"name": "No Slash"})
    assert response.status_code == 201
    assert Lead.objects.filter(name="No Slash").exists()
