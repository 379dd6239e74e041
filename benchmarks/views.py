"""Bare views: the API's queries, serialisation and write path with none of its plumbing
(no token, rate limit, scope check, parameter validation, cursor signing or problem wrapper)."""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from crm.api.representation import record_to_dict
from crm.api.services import record_create
from crm.catalogue import module_for_resource
from crm.models import Lead, Organisation

LEADS = module_for_resource("leads")


def bare_lead(request: HttpRequest, pk: int) -> HttpResponse:
    (lead,) = Lead.objects.filter(organisation_id=settings.BENCH_ORGANISATION_ID, pk=pk)[:1]
    return JsonResponse(record_to_dict(LEADS, lead))


@csrf_exempt
def bare_leads(request: HttpRequest) -> HttpResponse:
    organisation_id = settings.BENCH_ORGANISATION_ID
    if request.method == "POST":
        organisation = Organisation(pk=organisation_id)
        lead = record_create(module=LEADS, organisation=organisation, payload=json.loads(request.body))
        return JsonResponse(record_to_dict(LEADS, lead), status=201)
    limit = int(request.GET.get("limit", 25))
    after = int(request.GET.get("after", 0))
    leads = list(Lead.objects.filter(organisation_id=organisation_id, pk__gt=after).order_by("pk")[: limit + 1])
    next_after = leads[limit - 1].pk if len(leads) > limit else None
    return JsonResponse({"results": [record_to_dict(LEADS, lead) for lead in leads[:limit]], "next_after": next_after})
