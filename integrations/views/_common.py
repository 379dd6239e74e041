"""Helpers every Settings > Integration view shares: app lookup, toasts, htmx vs full page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django_htmx.http import trigger_client_event

from integrations.models import PrivateApp


def app_for(request: HttpRequest, pk: int) -> PrivateApp:
    # Another organisation's app is a 404, never a 403: its existence is not ours to reveal.
    return get_object_or_404(PrivateApp, pk=pk, organisation=request.organisation)


def is_htmx(request: HttpRequest) -> bool:
    # A history restore wants the whole page, not a fragment.
    return bool(request.htmx) and not request.htmx.history_restore_request


def toast(
    request: HttpRequest, response: HttpResponse, message: str, *, level: str = "success", redirecting: bool = False
) -> HttpResponse:
    """An htmx response carries the toast as an event; a full page (or a redirect) gets a Django message."""
    if is_htmx(request) and not redirecting:
        return trigger_client_event(response, "showToast", {"message": message, "level": level})
    messages.add_message(request, messages.SUCCESS if level == "success" else messages.ERROR, message)
    return response


def events(response: HttpResponse, *names: str) -> HttpResponse:
    for name in names:
        trigger_client_event(response, name)
    return response
