"""Bearer-token authentication, rate limiting and scope checks for the API views."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from crm.api.problems import ApiError
from crm.api.ratelimit import rate_limit_hit
from integrations.authentication import authenticate_token

REALM = 'Bearer realm="api"'
INVALID_TOKEN_CHALLENGE = f'{REALM}, error="invalid_token"'


def bearer_token(request: HttpRequest) -> str | None:
    """The token from `Authorization: Bearer …`; never from the query string or a cookie."""
    # META directly: request.headers would build a dict of every header on each request.
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, credentials = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not credentials.strip():
        raise ApiError(
            "invalid-token",
            "Send the token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": INVALID_TOKEN_CHALLENGE},
        )
    return credentials.strip()


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """CSRF-exempt (no cookie authenticates the API) and every ApiError answered as a problem."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error.response()

    return wrapper


def token_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Authenticate the bearer token, count it against the rate limit and attach
    request.access_token, request.private_app and request.organisation."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        raw = bearer_token(request)
        if raw is None:
            raise ApiError(
                "invalid-token",
                "This endpoint needs an access token: send 'Authorization: Bearer <token>'.",
                headers={"WWW-Authenticate": REALM},
            )
        token = authenticate_token(raw)
        if token is None:
            raise ApiError(
                "invalid-token",
                "The access token is not valid. It may have been mistyped, regenerated or deleted.",
                headers={"WWW-Authenticate": INVALID_TOKEN_CHALLENGE},
            )
        request.access_token = token
        request.private_app = token.app
        request.organisation = token.app.organisation

        limit = rate_limit_hit(token_id=token.pk)
        try:
            if limit.exceeded:
                raise ApiError(
                    "rate-limited",
                    f"This token may make {limit.limit} requests every {limit.window} seconds. "
                    f"Try again in {limit.reset} seconds.",
                    headers={"Retry-After": str(limit.reset)},
                )
            response = view(request, *args, **kwargs)
        except ApiError as error:
            response = error.response()
        for name, value in limit.headers().items():
            response[name] = value
        return response

    return wrapper


def require_scope(request: HttpRequest, scope: str) -> None:
    if not request.private_app.has_scope(scope):
        raise ApiError(
            "insufficient-scope",
            f"This operation needs the {scope} scope. An admin can add it to the app under Settings > Integration.",
            headers={"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{scope}"'},
            scope=scope,
        )
