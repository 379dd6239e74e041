"""Settings > Integration screens."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crm.tenancy import admin_required


@require_GET
@admin_required
def integration_index(request: HttpRequest) -> HttpResponse:
    return render(request, "integrations/integration_index.html")
