"""The audit trail's helpers: the IP an event records, and events told as sentences for the
app's Activity tab."""

from django.http import HttpRequest

from crm.catalogue import scope_summary
from integrations.models import AuditEvent


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client wants it to be.
    return request.META.get("REMOTE_ADDR") or None


def _scopes(scopes: list[str]) -> str:
    return "; ".join(scope_summary(scopes)) or "none"


def _edit_details(changes: dict) -> list[str]:
    details = []
    if "name" in changes:
        details.append(f"Renamed from “{changes['name']['from']}” to “{changes['name']['to']}”.")
    if "description" in changes:
        details.append("Description changed.")
    if "scopes" in changes:
        before, after = set(changes["scopes"]["from"]), set(changes["scopes"]["to"])
        if added := [scope for scope in changes["scopes"]["to"] if scope not in before]:
            details.append(f"Scopes added: {_scopes(added)}.")
        if removed := [scope for scope in changes["scopes"]["from"] if scope not in after]:
            details.append(f"Scopes removed: {_scopes(removed)}.")
    if "logo" in changes:
        details.append("Logo added." if changes["logo"]["to"] else "Logo removed.")
    return details


def audit_event_details(event: AuditEvent) -> list[str]:
    """What changed, in plain words; never a token (events hold only its last four characters)."""
    changes = event.changes or {}
    match event.action:
        case AuditEvent.Action.APP_CREATED:
            return [f"Scopes: {_scopes(changes.get('scopes', []))}."]
        case AuditEvent.Action.APP_EDITED:
            return _edit_details(changes) or ["Saved without changes."]
        case AuditEvent.Action.TOKEN_GENERATED:
            replaced = " The previous token stopped working." if changes.get("revoked_tokens") else ""
            return [f"New token ending in {changes.get('last_four', '????')}.{replaced}"]
        case AuditEvent.Action.TOKEN_REVEALED | AuditEvent.Action.TOKEN_COPIED | AuditEvent.Action.TOKEN_REVOKED:
            return [f"Token ending in {changes.get('last_four', '????')}."]
    return []
