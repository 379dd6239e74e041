import pytest
from openapi_spec_validator import validate

from crm.catalogue import MODULES

BY_RESOURCE = pytest.mark.parametrize("module", MODULES, ids=lambda module: module.resource)


@pytest.fixture
def document(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_it_is_public_and_a_valid_openapi_3_1_document(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_it_declares_bearer_authentication_for_everything(document):
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    assert document["security"] == [{"bearerAuth": []}]


@BY_RESOURCE
def test_it_describes_every_operation_with_its_scope(document, module):
    collection = document["paths"][f"/{module.resource}/"]
    detail = document["paths"][f"/{module.resource}/{{id}}/"]
    operations = {"read": [collection["get"], detail["get"]], "create": [collection["post"]]}
    operations |= {"update": [detail["patch"]], "delete": [detail["delete"]]}
    for action, found in operations.items():
        for operation in found:
            assert operation["security"] == [{"bearerAuth": [module.scope(action)]}]
            assert {"401", "403", "429"} <= set(operation["responses"])
    assert set(collection["post"]["responses"]) >= {"201", "400", "413", "415"}
    assert set(detail["delete"]["responses"]) >= {"204", "404"}


@BY_RESOURCE
def test_record_schemas_list_exactly_the_api_fields(document, module):

    schema = document["components"]["schemas"][module.label]
    assert schema["additionalProperties"] is False
    assert schema["required"] == list(schema["properties"])
    assert schema["properties"]["id"]["readOnly"] is True
    create = document["components"]["schemas"][f"{module.label}Create"]
    assert create["additionalProperties"] is False
    assert "id" not in create["properties"] and "updated_at" not in create["properties"]


def test_it_uses_enums_nullable_references_formats_and_decimal_strings(document):
    schemas = document["components"]["schemas"]
    lead = schemas["Lead"]["properties"]
    assert lead["status"]["enum"] == ["new", "contacted", "qualified", "unqualified", "converted"]
    assert lead["owner_id"]["type"] == ["integer", "null"]
    assert {"format": "email"} in lead["email"]["anyOf"]
    assert lead["created_at"]["format"] == "date-time"
    opportunity = schemas["Opportunity"]["properties"]
    assert opportunity["amount"]["type"] == "string"
    assert opportunity["amount"]["pattern"]
    assert opportunity["close_date"] == {"type": ["string", "null"], "format": "date"}
    assert {"format": "uri"} in schemas["Account"]["properties"]["website"]["anyOf"]
    assert schemas["OpportunityCreate"]["properties"]["amount"]["type"] == ["string", "number"]
    assert schemas["MessageCreate"]["required"] == ["channel", "direction", "sender", "recipient", "body"]


def test_list_operations_document_paging_and_filters(document):
    parameters = {parameter["name"]: parameter for parameter in document["paths"]["/activities/"]["get"]["parameters"]}
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}
    assert parameters["ordering"]["schema"]["enum"] == ["id", "-id", "updated_at", "-updated_at"]
    assert parameters["updated_after"]["schema"]["format"] == "date-time"
    assert parameters["done"]["schema"] == {"type": "boolean"}
    assert parameters["lead_id"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert parameters["kind"]["schema"]["enum"] == ["call", "meeting", "task", "note"]


def test_errors_are_problem_json_with_a_problem_schema(document):
    problem = document["components"]["schemas"]["Problem"]
    assert problem["required"] == ["type", "title", "status", "detail"]
    for response in document["components"]["responses"].values():
        assert list(response["content"]) == ["application/problem+json"]
    assert "WWW-Authenticate" in document["components"]["responses"]["Unauthorized"]["headers"]


def test_summaries_read_as_english(document):
    summaries = {
        operation["summary"]
        for path in document["paths"].values()
        for operation in path.values()
        if "summary" in operation
    }
    assert {"Get a lead", "Get an account", "Create an opportunity", "Delete an activity"} <= summaries
    assert document["components"]["schemas"]["Lead"]["properties"]["owner_id"]["description"].startswith(
        "The id of a user"
    )
