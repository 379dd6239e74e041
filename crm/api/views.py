"""The API's views: one dispatcher per URL hands each method to a small function."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from crm.api.auth import api_view, require_scope, token_required
from crm.api.openapi import openapi_document
from crm.api.pagination import list_query_from
from crm.api.payload import json_object_from
from crm.api.problems import ApiError, problem
from crm.api.reference import problem_types, reference_sections
from crm.api.representation import record_to_dict
from crm.api.selectors import record_get, record_page
from crm.api.services import record_create, record_delete, record_update
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
def openapi_json(request: HttpRequest) -> HttpResponse:
    """Public: the document describes the API, not anyone's data."""
    if request.method != "GET":
        return method_not_allowed(["GET"])
    return JsonResponse(openapi_document())


@api_view
def docs(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        return method_not_allowed(["GET"])
    document = openapi_document()
    base_url = request.build_absolute_uri("/api/v1")
    context = {
        "info": document["info"],
        "base_url": base_url,
        "sections": reference_sections(document, base_url),
        "problem_types": problem_types(),
    }
    return render(request, "crm/api_docs.html", context)


@api_view
@token_required
def record_collection(request: HttpRequest, module: Module) -> HttpResponse:
    if request.method == "GET":
        return record_list(request, module)
    if request.method == "POST":
        return record_new(request, module)
    return method_not_allowed(["GET", "POST"])


@api_view
@token_required
def record_detail(request: HttpRequest, module: Module, pk: str) -> HttpResponse:
    if request.method == "GET":
        return record_retrieve(request, module, pk)
    if request.method == "PATCH":
        return record_edit(request, module, pk)
    if request.method == "DELETE":
        return record_remove(request, module, pk)
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


def _owned_record(request: HttpRequest, module: Module, pk: str):
    record = None
    if pk.isascii() and pk.isdigit():
        record = record_get(module=module, organisation=request.organisation, pk=int(pk))
    if record is None:
        raise ApiError("not-found", f"There is no {module.label.lower()} with id {pk[:40]}.")
    return record


def record_retrieve(request: HttpRequest, module: Module, pk: str) -> HttpResponse:
    require_scope(request, module.scope("read"))
    return JsonResponse(record_to_dict(module, _owned_record(request, module, pk)))


def validation_problem(error: ValidationError) -> ApiError:
    return ApiError("validation-error", "Some fields are not valid; see errors.", errors=error.message_dict)


def record_new(request: HttpRequest, module: Module) -> HttpResponse:
    require_scope(request, module.scope("create"))
    payload = json_object_from(request)
    try:
        record = record_create(module=module, organisation=request.organisation, payload=payload)
    except ValidationError as error:
        raise validation_problem(error) from None
    response = JsonResponse(record_to_dict(module, record), status=201)
    response["Location"] = request.build_absolute_uri(reverse(f"api:{module.resource}-detail", args=[record.pk]))
    return response


def record_edit(request: HttpRequest, module: Module, pk: str) -> HttpResponse:
    require_scope(request, module.scope("update"))
    record = _owned_record(request, module, pk)
    payload = json_object_from(request)
    try:
        record = record_update(module=module, record=record, payload=payload)
    except ValidationError as error:
        raise validation_problem(error) from None
    return JsonResponse(record_to_dict(module, record))


def record_remove(request: HttpRequest, module: Module, pk: str) -> HttpResponse:
    require_scope(request, module.scope("delete"))
    record_delete(record=_owned_record(request, module, pk))
    return HttpResponse(status=204)
