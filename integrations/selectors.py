"""Reads for the Settings > Integration screens; every one is scoped to an organisation."""

from django.conf import settings
from django.db.models import QuerySet

from crm.models import Organisation
from integrations.models import AccessToken, AuditEvent, PrivateApp


def private_app_list(*, organisation: Organisation) -> QuerySet[PrivateApp]:
    """The organisation's apps, newest first, in one query (the list renders no relations)."""
    return PrivateApp.objects.filter(organisation=organisation).order_by("-created_at", "-id")


def private_app_limit(*, organisation: Organisation) -> int:
    return settings.PRIVATE_APPS_PER_ORGANISATION


def private_app_name_taken(*, organisation: Organisation, name: str, exclude_pk: int | None = None) -> bool:
    clash = PrivateApp.objects.filter(organisation=organisation, name__iexact=name.strip())
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    return clash.exists()


def access_token_active(*, app: PrivateApp) -> AccessToken | None:
    return AccessToken.objects.filter(app=app, revoked_at__isnull=True).select_related("created_by").first()


def audit_event_list(*, app: PrivateApp, limit: int = 100) -> list[AuditEvent]:
    """The app's most recent events, newest first, with who did them, in one query."""
    return list(AuditEvent.objects.filter(app=app).select_related("actor").order_by("-created_at", "-id")[:limit])
