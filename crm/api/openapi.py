"""The OpenAPI 3.1 document, generated from the module catalogue."""

from functools import cache

from django.db import models

from crm.api.fields import ApiField, api_fields, filter_fields
from crm.api.pagination import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, ORDERINGS
from crm.api.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPES
from crm.catalogue import MODULES, Module
from crm.validators import PHONE_CHARACTERS

JSON = "application/json"
REF = "#/components/{}/{}"
DECIMAL_INPUT_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
DECIMAL_OUTPUT_PATTERN = r"^[0-9]{1,12}\.[0-9]{2}$"
RATE_LIMIT_HEADERS = {
    "RateLimit-Policy": {"$ref": REF.format("headers", "RateLimitPolicy")},
    "RateLimit": {"$ref": REF.format("headers", "RateLimit")},
}


def a(noun: str) -> str:
    """The noun with its indefinite article: 'a lead', 'an account', 'a user'."""
    return f"{'an' if noun[:1].lower() in 'aeio' else 'a'} {noun}"


def ref(kind: str, name: str) -> dict:
    return {"$ref": REF.format(kind, name)}


def _nullable(schema: dict) -> dict:
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema = {**schema, "type": [*types, "null"]}
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _string_schema(model_field: models.Field, *, for_input: bool) -> dict:
    schema: dict = {"type": "string"}
    if model_field.max_length:
        schema["maxLength"] = model_field.max_length
    if model_field.choices:
        return {"type": "string", "enum": [value for value, _ in model_field.choices]}
    formats = {models.EmailField: "email", models.URLField: "uri"}
    for field_class, format_name in formats.items():
        if isinstance(model_field, field_class):
            if model_field.blank:  # an empty string means "none"
                schema["anyOf"] = [{"format": format_name}, {"maxLength": 0}]
            else:
                schema["format"] = format_name
    if "phone" in model_field.name:
        schema["pattern"] = f"{PHONE_CHARACTERS.pattern}|^$" if model_field.blank else PHONE_CHARACTERS.pattern
        schema["description"] = "6 to 15 digits, optionally starting with +; spaces, brackets, dots and dashes allowed."
    if model_field.name == "currency":
        schema["pattern"] = "^[A-Z]{3}$"
        schema["description"] = "An ISO 4217 currency code, such as USD, EUR or SGD."
    if for_input and not model_field.blank:
        # Only spaces count as empty too; no pattern says so, because Hypothesis-based tools
        # then generate examples very slowly.
        schema["minLength"] = 1
    return schema


def field_schema(api_field: ApiField, *, for_input: bool) -> dict:
    model_field = api_field.model_field
    if api_field.is_reference:
        label = model_field.related_model._meta.verbose_name
        schema = {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_ID,
            "description": f"The id of {a(label)} in your organisation.",
        }
    elif isinstance(model_field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(model_field, models.DecimalField):
        if for_input:
            schema = {
                "type": ["string", "number"],
                "pattern": DECIMAL_INPUT_PATTERN,
                "minimum": 0,
                "description": "A non-negative amount with at most 2 decimal places, as a string or a number.",
            }
        else:
            schema = {"type": "string", "pattern": DECIMAL_OUTPUT_PATTERN, "description": "A decimal, as a string."}
    elif isinstance(model_field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(model_field, models.DateField):
        schema = {"type": "string", "format": "date"}
    else:
        schema = _string_schema(model_field, for_input=for_input)
    if for_input and model_field.has_default() and not callable(model_field.default):
        schema["default"] = str(model_field.default) if isinstance(model_field.default, str) else model_field.default
    if model_field.null:
        schema = _nullable(schema)
    return schema


def is_required_on_create(api_field: ApiField) -> bool:
    return not api_field.model_field.blank and not api_field.model_field.has_default()


def example_value(api_field: ApiField) -> object:
    model_field = api_field.model_field
    if model_field.choices:
        return model_field.choices[0][0]
    if isinstance(model_field, models.EmailField):
        return "ada@example.com"
    if isinstance(model_field, models.DecimalField):
        return "1250.00"
    if isinstance(model_field, models.DateTimeField):
        return "2025-01-31T09:30:00Z"
    if isinstance(model_field, models.BooleanField):
        return False
    return f"Example {model_field.verbose_name}"


def record_schema(module: Module) -> dict:
    properties = {"id": {"type": "integer", "readOnly": True}}
    properties |= {api_field.key: field_schema(api_field, for_input=False) for api_field in api_fields(module)}
    properties |= {
        name: {"type": "string", "format": "date-time", "readOnly": True} for name in ("created_at", "updated_at")
    }
    return {
        "type": "object",
        "title": module.label,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def input_schema(module: Module, *, partial: bool) -> dict:
    properties = {api_field.key: field_schema(api_field, for_input=True) for api_field in api_fields(module)}
    schema = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if not partial:
        schema["required"] = [field.key for field in api_fields(module) if is_required_on_create(field)]
    return schema


def create_example(module: Module) -> dict:
    fields = api_fields(module)
    return {
        field.key: example_value(field)
        for field in fields
        if is_required_on_create(field) or (field.model_field.choices and not field.model_field.has_default())
    }


def problem_response(description: str, *, authenticated: bool = True, challenge: bool = False, **headers) -> dict:
    response_headers = dict(RATE_LIMIT_HEADERS) if authenticated else {}
    if challenge:
        response_headers["WWW-Authenticate"] = ref("headers", "WWWAuthenticate")
    response_headers |= headers
    response = {"description": description, "content": {PROBLEM_CONTENT_TYPE: {"schema": ref("schemas", "Problem")}}}
    if response_headers:
        response["headers"] = response_headers
    return response


COMMON_RESPONSES = {
    "401": ref("responses", "Unauthorized"),
    "403": ref("responses", "Forbidden"),
    "429": ref("responses", "TooManyRequests"),
}
BODY_RESPONSES = {
    "400": ref("responses", "BadRequest"),
    "413": ref("responses", "PayloadTooLarge"),
    "415": ref("responses", "UnsupportedMediaType"),
}


def list_parameters(module: Module) -> list[dict]:
    parameters = [
        {
            "name": "limit",
            "in": "query",
            "description": f"How many records per page, 1 to {MAX_LIMIT}.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        },
        {
            "name": "cursor",
            "in": "query",
            "description": "The next_cursor of the previous page. It keeps that page's ordering and filters.",
            "schema": {"type": "string"},
        },
        {
            "name": "ordering",
            "in": "query",
            "description": "id or updated_at, - for descending. updated_at ties are broken by id.",
            "schema": {"type": "string", "enum": list(ORDERINGS), "default": "id"},
        },
        {
            "name": "updated_after",
            "in": "query",
            "description": "Only records updated strictly after this ISO 8601 time (naive means UTC).",
            "schema": {"type": "string", "format": "date-time"},
        },
    ]
    for api_field in filter_fields(module):
        schema = field_schema(api_field, for_input=True)
        for key in ("default", "minLength", "pattern", "maxLength", "anyOf", "description"):
            schema.pop(key, None)
        if isinstance(schema.get("type"), list):
            schema["type"] = schema["type"][0]
            if "enum" in schema:
                schema["enum"] = [value for value in schema["enum"] if value is not None]
        parameters.append(
            {"name": api_field.key, "in": "query", "description": f"Exact match on {api_field.key}.", "schema": schema}
        )
    return parameters


def module_paths(module: Module) -> dict:
    label, plural = module.label, module.label_plural.lower()
    record = ref("schemas", label)
    scope = module.scope
    record_response = {"content": {JSON: {"schema": record}}, "headers": RATE_LIMIT_HEADERS}
    collection = {
        "get": {
            "operationId": f"{module.resource}_list",
            "tags": [module.label_plural],
            "summary": f"List {plural}",
            "description": f"A page of {plural}, by id unless ordering says otherwise. Needs {scope('read')}.",
            "security": [{"bearerAuth": [scope("read")]}],
            "parameters": list_parameters(module),
            "responses": {
                "200": {
                    "description": f"A page of {plural}.",
                    "content": {JSON: {"schema": ref("schemas", f"{label}Page")}},
                    "headers": {**RATE_LIMIT_HEADERS, "Link": ref("headers", "Link")},
                },
                "400": ref("responses", "BadRequest"),
                **COMMON_RESPONSES,
            },
        },
        "post": {
            "operationId": f"{module.resource}_create",
            "tags": [module.label_plural],
            "summary": f"Create {a(label.lower())}",
            "description": f"Omitted fields take their defaults. Needs {scope('create')}.",
            "security": [{"bearerAuth": [scope("create")]}],
            "requestBody": {
                "required": True,
                "content": {JSON: {"schema": ref("schemas", f"{label}Create"), "example": create_example(module)}},
            },
            "responses": {
                "201": {
                    "description": f"The new {label.lower()}.",
                    "content": {JSON: {"schema": record}},
                    "headers": {**RATE_LIMIT_HEADERS, "Location": ref("headers", "Location")},
                },
                **BODY_RESPONSES,
                **COMMON_RESPONSES,
            },
        },
    }
    not_found = {"404": ref("responses", "NotFound")}
    detail = {
        "parameters": [
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": f"The id of {a(label.lower())} in your organisation.",
                "schema": {"type": "integer", "minimum": 1},
            }
        ],
        "get": {
            "operationId": f"{module.resource}_retrieve",
            "tags": [module.label_plural],
            "summary": f"Get {a(label.lower())}",
            "description": f"Needs {scope('read')}.",
            "security": [{"bearerAuth": [scope("read")]}],
            "responses": {
                "200": {"description": f"The {label.lower()}.", **record_response},
                **not_found,
                **COMMON_RESPONSES,
            },
        },
        "patch": {
            "operationId": f"{module.resource}_update",
            "tags": [module.label_plural],
            "summary": f"Update {a(label.lower())}",
            "description": f"Changes only the fields sent; null clears a reference. Needs {scope('update')}.",
            "security": [{"bearerAuth": [scope("update")]}],
            "requestBody": {
                "required": True,
                "content": {JSON: {"schema": ref("schemas", f"{label}Update"), "example": create_example(module)}},
            },
            "responses": {
                "200": {"description": f"The updated {label.lower()}.", **record_response},
                **BODY_RESPONSES,
                **not_found,
                **COMMON_RESPONSES,
            },
        },
        "delete": {
            "operationId": f"{module.resource}_delete",
            "tags": [module.label_plural],
            "summary": f"Delete {a(label.lower())}",
            "description": f"Records referring to it lose the reference. Needs {scope('delete')}.",
            "security": [{"bearerAuth": [scope("delete")]}],
            "responses": {
                "204": {"description": "Deleted.", "headers": RATE_LIMIT_HEADERS},
                **not_found,
                **COMMON_RESPONSES,
            },
        },
    }
    return {f"/{module.resource}/": collection, f"/{module.resource}/{{id}}/": detail}


def components() -> dict:
    schemas: dict = {
        "Problem": {
            "type": "object",
            "description": "An RFC 9457 problem detail.",
            "properties": {
                "type": {"type": "string", "format": "uri-reference"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {
                    "type": "object",
                    "description": "Messages per field (or query parameter), for validation problems.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
                "scope": {"type": "string", "description": "The scope that is missing, for insufficient-scope."},
            },
            "required": ["type", "title", "status", "detail"],
        },
        "Discovery": {
            "type": "object",
            "properties": {
                "app": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                    "required": ["id", "name"],
                },
                "organisation": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "slug": {"type": "string"}},
                    "required": ["id", "name", "slug"],
                },
                "scopes": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["app", "organisation", "scopes"],
        },
    }
    for module in MODULES:
        schemas[module.label] = record_schema(module)
        schemas[f"{module.label}Create"] = input_schema(module, partial=False)
        schemas[f"{module.label}Update"] = input_schema(module, partial=True)
        schemas[f"{module.label}Page"] = {
            "type": "object",
            "properties": {
                "results": {"type": "array", "items": ref("schemas", module.label)},
                "next_cursor": {"type": ["string", "null"], "description": "Pass as cursor for the next page."},
            },
            "required": ["results", "next_cursor"],
        }
    headers = {
        "RateLimitPolicy": {
            "description": "The rate-limit policy: q requests per w seconds, per token.",
            "required": True,
            "schema": {"type": "string", "pattern": r'^"default";q=\d+;w=\d+$'},
        },
        "RateLimit": {
            "description": "r requests remain in the current window, which ends in t seconds.",
            "required": True,
            "schema": {"type": "string", "pattern": r'^"default";r=\d+;t=\d+$'},
        },
        "RetryAfter": {"description": "Seconds to wait.", "required": True, "schema": {"type": "integer"}},
        "WWWAuthenticate": {
            "description": "The RFC 6750 challenge: error=invalid_token or insufficient_scope (with the scope).",
            "required": True,
            "schema": {"type": "string", "pattern": '^Bearer realm="api"'},
        },
        "Link": {
            "description": 'The next page, as <url>; rel="next"; absent on the last page.',
            "schema": {"type": "string"},
        },
        "Location": {
            "description": "The new record's URL.",
            "required": True,
            "schema": {"type": "string", "format": "uri"},
        },
    }
    responses = {
        "BadRequest": problem_response("Invalid query parameters, cursor, JSON or fields."),
        "Unauthorized": problem_response("Missing or invalid token.", authenticated=False, challenge=True),
        "Forbidden": problem_response("The app lacks the scope.", challenge=True),
        "NotFound": problem_response("No such record in your organisation."),
        "PayloadTooLarge": problem_response("The body is over the size limit."),
        "UnsupportedMediaType": problem_response("The body is not application/json."),
        "TooManyRequests": problem_response("Rate limit reached.", **{"Retry-After": ref("headers", "RetryAfter")}),
    }
    return {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A private app's access token (crmpa_…), from Settings > Integration > the app > Auth.",
            }
        },
        "schemas": schemas,
        "headers": headers,
        "responses": responses,
    }


@cache
def openapi_document() -> dict:
    paths: dict = {
        "/": {
            "get": {
                "operationId": "discovery",
                "tags": ["Discovery"],
                "summary": "Who am I",
                "description": "The token's app, organisation and scopes. Needs a valid token, no particular scope.",
                "responses": {
                    "200": {
                        "description": "The app behind the token.",
                        "content": {JSON: {"schema": ref("schemas", "Discovery")}},
                        "headers": RATE_LIMIT_HEADERS,
                    },
                    "401": COMMON_RESPONSES["401"],
                    "429": COMMON_RESPONSES["429"],
                },
            }
        }
    }
    for module in MODULES:
        paths |= module_paths(module)
    problem_list = "\n".join(f"- `{slug}` ({status}): {text}" for slug, (status, _, text) in PROBLEM_TYPES.items())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Pepper CRM API",
            "version": "1",
            "description": (
                "Scoped access to an organisation's CRM records for private apps. Authenticate with "
                "`Authorization: Bearer <token>`. Errors are RFC 9457 problem details; their types:\n" + problem_list
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": "Discovery"}] + [{"name": module.label_plural} for module in MODULES],
        "paths": paths,
        "components": components(),
    }
