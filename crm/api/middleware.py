"""Every error under /api/ is problem+json: unknown paths, 405s and crashes included."""

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from crm.api.problems import ApiError, is_problem, problem

logger = logging.getLogger("crm.api")
API_PREFIX = "/api/"


class ApiProblemMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400 or is_problem(response):
            return response
        # Django's own 404/405/500 pages are HTML; an API client should not have to parse them.
        headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
        return problem(status=response.status_code, headers=headers)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, ApiError):
            return exception.response()
        if isinstance(exception, Http404):
            return problem("not-found")
        if isinstance(exception, PermissionDenied):
            return problem(status=403)
        logger.error("Unhandled error on %s %s", request.method, request.path, exc_info=exception)
        return problem("server-error")
