"""The organisation's home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crm.selectors import organisation_record_counts
from crm.tenancy import member_required


@require_GET
@member_required
def home(request: HttpRequest) -> HttpResponse:
    counts = organisation_record_counts(organisation=request.organisation)
    return render(request, "crm/home.html", {"counts": counts})
