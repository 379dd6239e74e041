"""The API's views: one dispatcher per URL hands each method to a small function."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse

from crm.api.auth import api_view, require_scope, token_required
from crm.api.pagination import list_query_from
from crm.api.problems import ApiError, problem
from crm.api.representation import record_to_dict
from crm.api.selectors import record_get, record_page
from crm.catalogue import Module


def method_not_allowed(allowed: list[str]) -> HttpResponse:
    return problem(
        "method-not-allowed",
        f"This URL supports {', '.join(allowed)}.",
        headers={"Allow": ", ".join(allowed)},
    )


@api_view
@token_required
def discovery(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        return method_not_allowed(["GET"])
    app, organisation = request.private_app, request.organisation
    return JsonResponse(
        {
            "app": {"id": app.pk, "name": app.name},
            "organisation": {"id": organisation.pk, "name": organisation.name, "slug": organisation.slug},
            "scopes": list(app.scopes),
        }
    )


@api_view
@token_required
def record_collection(request: HttpRequest, module: Module) -> HttpResponse:
    if request.method == "GET":
        return record_list(request, module)
    return method_not_allowed(["GET", "POST"])


@api_view
@token_required
def record_detail(request: HttpRequest, module: Module, pk: int) -> HttpResponse:
    if request.method == "GET":
        return record_retrieve(request, module, pk)
    return method_not_allowed(["GET", "PATCH", "DELETE"])


def record_list(request: HttpRequest, module: Module) -> HttpResponse:
    require_scope(request, module.scope("read"))
    query = list_query_from(request.GET, module)
    records, next_cursor = record_page(module=module, organisation=request.organisation, query=query)
    response = JsonResponse(
        {"results": [record_to_dict(module, record) for record in records], "next_cursor": next_cursor}
    )
    if next_cursor is not None:
        next_url = request.build_absolute_uri(
            f"{request.path}?{urlencode({'cursor': next_cursor, 'limit': query.limit})}"
        )
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


def _owned_record(request: HttpRequest, module: Module, pk: int):
    record = record_get(module=module, organisation=request.organisation, pk=pk)
    if record is None:
        raise ApiError("not-found", f"There is no {module.label.lower()} with id {pk}.")
    return record


def record_retrieve(request: HttpRequest, module: Module, pk: int) -> HttpResponse:
    require_scope(request, module.scope("read"))
    return JsonResponse(record_to_dict(module, _owned_record(request, module, pk)))
