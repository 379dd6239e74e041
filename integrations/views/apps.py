"""Create, edit, view and delete a private app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect, reswap

from crm.tenancy import admin_required
from integrations import selectors, services
from integrations.audit import audit_event_details, client_ip
from integrations.views._common import app_for, events, is_htmx, toast
from integrations.views.wizard import Wizard


@require_http_methods(["GET", "POST"])
@admin_required
def private_app_create(request: HttpRequest) -> HttpResponse:
    return Wizard(request).respond()


@require_http_methods(["GET", "POST"])
@admin_required
def private_app_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return Wizard(request, app_for(request, pk)).respond()


@require_GET
@admin_required
def private_app_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_app_page(request, pk, tab="details")


@require_GET
@admin_required
def private_app_auth(request: HttpRequest, pk: int) -> HttpResponse:
    return render_app_page(request, pk, tab="auth")


@require_GET
@admin_required
def private_app_activity(request: HttpRequest, pk: int) -> HttpResponse:
    return render_app_page(request, pk, tab="activity")


def render_app_page(request: HttpRequest, pk: int, *, tab: str, revealed: str = "") -> HttpResponse:
    app = app_for(request, pk)
    context = {
        "app": app,
        "tab": tab,
        "token": selectors.access_token_active(app=app),
        "revealed": revealed,
        "api_example_url": request.build_absolute_uri("/api/v1/leads/"),
    }
    if tab == "activity":
        context["events"] = [(event, audit_event_details(event)) for event in selectors.audit_event_list(app=app)]
    return render(request, "integrations/private_app_detail.html", context)


@require_http_methods(["GET", "POST"])
@admin_required
def private_app_delete(request: HttpRequest, pk: int) -> HttpResponse:
    app = app_for(request, pk)
    if request.method == "GET":
        template = (
            "integrations/_private_app_delete_modal.html"
            if is_htmx(request)
            else "integrations/private_app_delete.html"
        )
        return render(request, template, {"app": app})
    name = app.name
    services.private_app_delete(app=app, actor=request.user, ip_address=client_ip(request))
    message = f"Private app {name} deleted. Its token no longer works."
    list_url = reverse("integrations:private-app-list")
    if is_htmx(request) and request.htmx.current_url_abs_path == list_url:
        # On the list: drop the row in place (the list reloads itself on the event).
        response = events(reswap(HttpResponse(""), "none"), "privateAppDeleted", "closeModal")
        return toast(request, response, message)
    # Anywhere else (the app's own page) there is nothing left to show: go to the list.
    response = HttpResponseClientRedirect(list_url) if is_htmx(request) else redirect(list_url)
    return toast(request, response, message, redirecting=True)
