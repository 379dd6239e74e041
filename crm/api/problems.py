"""RFC 9457 problem details: the one way the API reports an error."""

from collections.abc import Mapping, Sequence
from http import HTTPStatus

from django.http import JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"
# Problem types resolve to an anchor on the API reference, where each one is explained.
PROBLEM_TYPE_BASE = "/api/v1/docs/#problem-"

# slug -> (status, title, when it happens); the reference page lists these.
PROBLEM_TYPES: dict[str, tuple[int, str, str]] = {
    "invalid-request": (400, "Invalid request", "A query parameter or the cursor is not acceptable."),
    "invalid-json": (400, "Invalid JSON", "The body is not a UTF-8 encoded JSON object."),
    "validation-error": (400, "Validation error", "One or more fields are not valid; see errors."),
    "invalid-token": (401, "Invalid token", "The bearer token is missing, malformed, revoked or deleted."),
    "insufficient-scope": (403, "Insufficient scope", "The app lacks the scope this operation needs."),
    "not-found": (404, "Not found", "Nothing exists at this URL in your organisation."),
    "method-not-allowed": (405, "Method not allowed", "The URL exists but does not support this method."),
    "body-too-large": (413, "Body too large", "The request body is larger than the API accepts."),
    "unsupported-media-type": (415, "Unsupported media type", "Send the body as application/json."),
    "rate-limited": (429, "Too many requests", "The token used up its requests for the current window."),
    "server-error": (500, "Internal server error", "Something went wrong on our side; it has been logged."),
}
DEFAULT_SLUG_FOR_STATUS = {status: slug for slug, (status, _, _) in reversed(PROBLEM_TYPES.items())}


def problem(
    slug: str | None = None,
    detail: str = "",
    *,
    status: int | None = None,
    errors: Mapping[str, Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: object,
) -> JsonResponse:
    """A problem+json response; give a known slug, or only a status for a plain HTTP problem."""
    if slug is None and status is not None:
        slug = DEFAULT_SLUG_FOR_STATUS.get(status)
    if slug is not None:
        status, title, _ = PROBLEM_TYPES[slug]
        problem_type = PROBLEM_TYPE_BASE + slug
    else:
        title, problem_type = HTTPStatus(status).phrase, "about:blank"
    body: dict[str, object] = {
        "type": problem_type,
        "title": title,
        "status": status,
        "detail": detail or title + ".",
        **extra,
    }
    if errors:
        body["errors"] = {field: list(messages) for field, messages in errors.items()}
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class ApiError(Exception):
    """Raised anywhere below a view; the view wrapper turns it into problem()."""

    def __init__(
        self,
        slug: str,
        detail: str = "",
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: object,
    ) -> None:
        super().__init__(detail or slug)
        self.slug, self.detail, self.errors, self.headers, self.extra = slug, detail, errors, headers, extra

    def response(self) -> JsonResponse:
        return problem(self.slug, self.detail, errors=self.errors, headers=self.headers, **self.extra)


def is_problem(response) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
