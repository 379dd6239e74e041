"""The one entry point the JSON API uses to turn a bearer token into an app."""

from datetime import timedelta

from django.utils import timezone

from integrations import tokens
from integrations.models import AccessToken, PrivateApp

LAST_USED_PRECISION = timedelta(minutes=1)


def authenticate_token(raw: str) -> AccessToken | None:
    """The active token with its app and organisation, in one query; None if it is not valid.

    A malformed token or one with a bad checksum costs no query at all. In the steady state
    this writes nothing: last_used_at is refreshed at most once a minute per token.
    """
    if not tokens.is_well_formed(raw):
        return None
    token = (
        AccessToken.objects.select_related("app__organisation")
        .filter(digest=tokens.digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        _record_use(token)
    return token


def _record_use(token: AccessToken) -> None:
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    PrivateApp.objects.filter(pk=token.app_id).update(last_used_at=now)
    token.last_used_at = token.app.last_used_at = now
