"""Security headers that Django 5.2 does not set on its own."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def content_security_policy(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Only our own scripts, styles and connections: an injected <script> or inline handler does not run.

    The Django admin keeps a few inline style attributes, so it alone may use inline styles.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        policy = (
            settings.CONTENT_SECURITY_POLICY_ADMIN
            if request.path.startswith("/admin/")
            else settings.CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        return response

    return middleware
