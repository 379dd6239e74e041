"""The Auth tab's token actions: reveal or copy the plaintext, and generate a new token."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap

from crm.tenancy import admin_required
from integrations import services
from integrations.audit import client_ip
from integrations.views._common import app_for, events, is_htmx, toast
from integrations.views.apps import render_app_page

UNREVEALABLE_MESSAGE = "This token can't be shown. Generate a new token to get one you can copy."


@require_POST
@admin_required
def access_token_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The plaintext for the eye and copy buttons: only ever in a POST response, never in the page."""
    app = app_for(request, pk)
    purpose = "copy" if request.POST.get("purpose") == "copy" else "reveal"
    raw = services.access_token_reveal(app=app, actor=request.user, purpose=purpose, ip_address=client_ip(request))
    if request.headers.get("Accept") == "application/json":
        if raw is None:
            response = JsonResponse({"detail": UNREVEALABLE_MESSAGE}, status=404)
        else:
            response = JsonResponse({"token": raw})
    else:
        # Without JavaScript the Auth tab comes back with the token shown.
        response = render_app_page(request, pk, tab="auth", revealed=raw or "")
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@admin_required
def access_token_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    app = app_for(request, pk)
    if request.method == "GET":
        template = (
            "integrations/_token_regenerate_modal.html" if is_htmx(request) else "integrations/token_regenerate.html"
        )
        return render(request, template, {"app": app})
    services.access_token_regenerate(app=app, actor=request.user, ip_address=client_ip(request))
    message = "New token generated. The old token no longer works."
    if is_htmx(request):
        response = events(reswap(HttpResponse(""), "none"), "accessTokenRegenerated", "closeModal")
        return toast(request, response, message)
    return toast(request, redirect("integrations:private-app-auth", app.pk), message)
