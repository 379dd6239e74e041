"""The Integration page and the private app list."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crm.tenancy import admin_required
from integrations import selectors, services
from integrations.views._common import is_htmx


@require_GET
@admin_required
def integration_index(request: HttpRequest) -> HttpResponse:
    return render(request, "integrations/integration_index.html")


@require_GET
@admin_required
def private_app_list(request: HttpRequest) -> HttpResponse:
    apps = list(selectors.private_app_list(organisation=request.organisation))
    limit = selectors.private_app_limit(organisation=request.organisation)
    context = {
        "apps": apps,
        "limit": limit,
        # Counted from the list we already hold: no second query.
        "limit_reached": len(apps) >= limit,
        "limit_message": services.limit_reached_message(),
    }
    # htmx refreshes only the list region (after a create, edit or delete).
    template = "integrations/_private_app_list.html" if is_htmx(request) else "integrations/private_app_list.html"
    return render(request, template, context)
