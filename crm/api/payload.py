"""Reading a request body as a JSON object: content type, size cap, UTF-8, JSON, shape."""

import json
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest

from crm.api.problems import ApiError


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def json_object_from(request: HttpRequest) -> dict:
    if request.content_type != "application/json" or request.content_params.get("charset", "utf-8").lower() not in (
        "utf-8",
        "utf8",
    ):
        raise ApiError(
            "unsupported-media-type",
            f"Send the body as application/json (UTF-8), not {request.content_type or 'no content type'}.",
            headers={"Accept-Post": "application/json", "Accept-Patch": "application/json"},
        )
    cap = settings.API_MAX_BODY_BYTES
    too_large = ApiError("body-too-large", f"The body may be at most {cap} bytes.")
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > cap:
        raise too_large
    # read() rather than .body: it honours our cap and not the form-upload limit.
    body = request.read(cap + 1)
    if len(body) > cap:
        raise too_large
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError("invalid-json", f"The body is not valid UTF-8 (byte {error.start}).") from None
    try:
        # Decimals keep amounts exact; NaN and Infinity are not JSON.
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ApiError(
            "invalid-json", f"The body is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    except (ValueError, RecursionError) as error:  # NaN, huge integers, absurd nesting
        raise ApiError("invalid-json", f"The body is not valid JSON: {error}.") from None
    if not isinstance(data, dict):
        raise ApiError("invalid-json", f"The body must be a JSON object, not {_json_kind(data)}.")
    return data


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"
