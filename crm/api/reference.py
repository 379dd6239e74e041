"""The human-readable API reference: the OpenAPI document turned into sections for a template."""

import json
import shlex

from crm.api.problems import PROBLEM_TYPES

TOKEN_VARIABLE = "$CRM_TOKEN"  # noqa: S105 (a shell variable name, not a secret)


def _resolve(document: dict, item: dict) -> dict:
    while "$ref" in item:
        _, kind, name = item["$ref"].rsplit("/", 2)
        item = document["components"][kind][name]
    return item


def schema_text(schema: dict) -> str:
    """A short description of a schema: 'string (email), at most 254 characters, or empty'."""
    types = schema.get("type", "")
    types = types if isinstance(types, list) else [types]
    nullable = "null" in types
    main = [kind for kind in types if kind != "null"]
    text = " or ".join(main) or "value"
    if "format" in schema:
        text += f" ({schema['format']})"
    if "enum" in schema:
        text = "one of " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    if "maxLength" in schema:
        text += f", at most {schema['maxLength']} characters"
    for option in schema.get("anyOf", []):
        if "format" in option:
            text += f" ({option['format']})"
        if option.get("maxLength") == 0:
            text += ", or empty"
    if "minimum" in schema and "maximum" in schema:
        text += f", {schema['minimum']} to {schema['maximum']}"
    if nullable:
        text += ", or null"
    return text


def curl_example(method: str, url: str, body: dict | None) -> str:
    lines = [f"curl -X {method.upper()} {shlex.quote(url)}", f'  -H "Authorization: Bearer {TOKEN_VARIABLE}"']
    if body is not None:
        lines += ['  -H "Content-Type: application/json"', f"  -d {shlex.quote(json.dumps(body))}"]
    return " \\\n".join(lines)


def _operation(document: dict, base_url: str, path: str, method: str, operation: dict, shared: list) -> dict:
    parameters = [_resolve(document, parameter) for parameter in shared + operation.get("parameters", [])]
    body_fields, example = [], None
    if "requestBody" in operation:
        media = operation["requestBody"]["content"]["application/json"]
        body_schema = _resolve(document, media["schema"])
        required = set(body_schema.get("required", []))
        example = media.get("example", {})
        body_fields = [
            {
                "name": name,
                "type": schema_text(schema),
                "required": name in required,
                "description": schema.get("description", ""),
                "default": schema.get("default"),
            }
            for name, schema in body_schema["properties"].items()
        ]
        if method == "patch":
            example = dict(list(example.items())[:1])
    scopes = [scope for requirement in operation.get("security", []) for scope in requirement.get("bearerAuth", [])]
    url = base_url + path.replace("{id}", "1")
    if method == "get" and "{id}" not in path and path != "/":
        url += "?limit=25"
    return {
        "id": operation["operationId"],
        "method": method.upper(),
        "path": "/api/v1" + path,
        "summary": operation["summary"],
        "description": operation.get("description", ""),
        "scope": scopes[0] if scopes else "",
        "parameters": [
            {
                "name": parameter["name"],
                "in": parameter["in"],
                "type": schema_text(parameter["schema"]),
                "required": parameter.get("required", False),
                "description": parameter.get("description", ""),
            }
            for parameter in parameters
        ],
        "body_fields": body_fields,
        "responses": [
            {"status": status, "description": _resolve(document, response)["description"]}
            for status, response in operation["responses"].items()
        ],
        "curl": curl_example(method, url, example),
    }


def reference_sections(document: dict, base_url: str) -> list[dict]:
    """One section per tag, each with its operations in document order."""
    sections = {tag["name"]: {"name": tag["name"], "operations": []} for tag in document["tags"]}
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method in ("get", "post", "patch", "delete"):
            if method in item:
                operation = item[method]
                sections[operation["tags"][0]]["operations"].append(
                    _operation(document, base_url, path, method, operation, shared)
                )
    return list(sections.values())


def problem_types() -> list[dict]:
    return [
        {"slug": slug, "status": status, "title": title, "description": text}
        for slug, (status, title, text) in PROBLEM_TYPES.items()
    ]
