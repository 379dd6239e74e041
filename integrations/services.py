"""Writes for private apps and their tokens. Every action is atomic and leaves an audit event."""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from crm.catalogue import ALL_SCOPES, scopes_in_order
from crm.models import Organisation
from integrations import selectors, tokens
from integrations.models import AccessToken, AuditEvent, PrivateApp

NAME_TAKEN_MESSAGE = "An app with this name already exists in your organisation."


def limit_reached_message() -> str:
    limit = settings.PRIVATE_APPS_PER_ORGANISATION
    return f"Your organisation has reached the limit of {limit} private apps. Delete an app to create a new one."


def private_app_limit_reached(*, organisation: Organisation) -> bool:
    return PrivateApp.objects.filter(organisation=organisation).count() >= settings.PRIVATE_APPS_PER_ORGANISATION


def _clean_scopes(scopes) -> list[str]:
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise ValidationError({"scopes": f"Unknown scope: {', '.join(unknown)}."})
    if not scopes:
        raise ValidationError({"scopes": "Choose at least one scope."})
    return scopes_in_order(scopes)


def _check_name_free(*, organisation: Organisation, name: str, exclude_pk: int | None = None) -> None:
    if selectors.private_app_name_taken(organisation=organisation, name=name, exclude_pk=exclude_pk):
        raise ValidationError({"name": NAME_TAKEN_MESSAGE})


def audit_event_record(
    *,
    app: PrivateApp,
    action: str,
    actor: AbstractBaseUser | None,
    ip_address: str | None,
    changes: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation_id=app.organisation_id,
        app=app if app.pk else None,
        app_name=app.name,
        action=action,
        actor=actor if actor and actor.is_authenticated else None,
        ip_address=ip_address,
        changes=changes or {},
    )


@contextmanager
def _logo_discarded_on_error(app: PrivateApp, *, keep: str):
    """A logo file written before a failed save would be orphaned (a rollback does not delete
    files), so remove it when the block raises; `keep` is the name that was there before."""
    try:
        yield
    except BaseException:
        written = app.logo.name if app.logo else ""
        if written and written != keep:
            app.logo.storage.delete(written)
        raise


def _private_app_save(app: PrivateApp) -> None:
    app.full_clean()
    try:
        with transaction.atomic():
            app.save()
    except IntegrityError:
        # The name was taken between our check and the insert (a double submit, a race).
        raise ValidationError({"name": NAME_TAKEN_MESSAGE}) from None


def _access_token_issue(*, app: PrivateApp, actor: AbstractBaseUser | None) -> tuple[AccessToken, str]:
    raw = tokens.generate()
    token = AccessToken.objects.create(
        app=app,
        digest=tokens.digest(raw),
        encrypted=tokens.encrypt(raw),
        last_four=raw[-4:],
        created_by=actor if actor and actor.is_authenticated else None,
    )
    return token, raw


def private_app_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    name: str,
    description: str = "",
    scopes: list[str],
    logo: File | None = None,
    ip_address: str | None = None,
) -> tuple[PrivateApp, str]:
    """Create the app and its first token; returns the app and the plaintext token."""
    name = name.strip()
    scopes = _clean_scopes(scopes)
    with transaction.atomic():
        # Lock the organisation row (PostgreSQL); on SQLite the IMMEDIATE transaction already
        # holds the database write lock. Either way concurrent creates queue here, so the
        # count below cannot be raced past the limit.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if private_app_limit_reached(organisation=organisation):
            raise ValidationError(limit_reached_message(), code="limit_reached")
        _check_name_free(organisation=organisation, name=name)
        app = PrivateApp(
            organisation=organisation,
            name=name,
            description=description.strip(),
            scopes=scopes,
            created_by=actor if actor and actor.is_authenticated else None,
        )
        if logo is not None:
            app.logo.save(logo.name, logo, save=False)
        with _logo_discarded_on_error(app, keep=""):
            _private_app_save(app)
            _, raw = _access_token_issue(app=app, actor=actor)
            audit_event_record(
                app=app,
                action=AuditEvent.Action.APP_CREATED,
                actor=actor,
                ip_address=ip_address,
                changes={"name": app.name, "scopes": scopes},
            )
    return app, raw


def private_app_update(
    *,
    app: PrivateApp,
    actor: AbstractBaseUser | None,
    name: str,
    description: str,
    scopes: list[str],
    logo: File | None = None,
    remove_logo: bool = False,
    ip_address: str | None = None,
) -> PrivateApp:
    """Edit the app's details and scopes; its token stays the same."""
    name = name.strip()
    scopes = _clean_scopes(scopes)
    with transaction.atomic():
        _check_name_free(organisation=app.organisation, name=name, exclude_pk=app.pk)
        before = {"name": app.name, "description": app.description, "scopes": list(app.scopes)}
        app.name, app.description, app.scopes = name, description.strip(), scopes
        old_logo = app.logo.name if app.logo else ""
        if logo is not None:
            app.logo.save(logo.name, logo, save=False)
        elif remove_logo:
            app.logo = ""
        with _logo_discarded_on_error(app, keep=old_logo):
            _private_app_save(app)
        after = {"name": app.name, "description": app.description, "scopes": scopes}
        changes = {key: {"from": before[key], "to": after[key]} for key in after if before[key] != after[key]}
        new_logo = app.logo.name if app.logo else ""
        if new_logo != old_logo:
            changes["logo"] = {"from": bool(old_logo), "to": bool(new_logo)}
            if old_logo:
                transaction.on_commit(lambda: app.logo.storage.delete(old_logo))
        audit_event_record(
            app=app, action=AuditEvent.Action.APP_EDITED, actor=actor, ip_address=ip_address, changes=changes
        )
    return app


def private_app_delete(*, app: PrivateApp, actor: AbstractBaseUser | None, ip_address: str | None = None) -> None:
    """Delete the app; its tokens go with it, so they fail on their very next request."""
    with transaction.atomic():
        audit_event_record(
            app=app,
            action=AuditEvent.Action.APP_DELETED,
            actor=actor,
            ip_address=ip_address,
            changes={"name": app.name, "scopes": list(app.scopes)},
        )
        logo = app.logo.name if app.logo else ""
        app.delete()
        if logo:
            storage = app.logo.storage
            transaction.on_commit(lambda: storage.delete(logo))


def access_token_regenerate(
    *, app: PrivateApp, actor: AbstractBaseUser | None, ip_address: str | None = None
) -> tuple[AccessToken, str]:
    """Revoke the active token and issue a new one, in one transaction."""
    with transaction.atomic():
        revoked = AccessToken.objects.filter(app=app, revoked_at__isnull=True).update(revoked_at=timezone.now())
        token, raw = _access_token_issue(app=app, actor=actor)
        audit_event_record(
            app=app,
            action=AuditEvent.Action.TOKEN_GENERATED,
            actor=actor,
            ip_address=ip_address,
            changes={"revoked_tokens": revoked, "last_four": token.last_four},
        )
    return token, raw


def access_token_revoke(*, token: AccessToken, actor: AbstractBaseUser | None, ip_address: str | None = None) -> bool:
    """Support's kill switch: revoke without replacing. Returns False if it was already revoked."""
    with transaction.atomic():
        revoked = AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if revoked:
            audit_event_record(
                app=token.app,
                action=AuditEvent.Action.TOKEN_REVOKED,
                actor=actor,
                ip_address=ip_address,
                changes={"last_four": token.last_four},
            )
    return bool(revoked)


def access_token_reveal(
    *, app: PrivateApp, actor: AbstractBaseUser | None, purpose: str = "reveal", ip_address: str | None = None
) -> str | None:
    """The active token's plaintext for the Auth tab, audited as revealed or copied.

    None when there is no active token or it cannot be decrypted (TOKEN_ENCRYPTION_KEY changed);
    the token still authenticates, and Generate new token gives one that can be shown.
    """
    token = AccessToken.objects.filter(app=app, revoked_at__isnull=True).first()
    if token is None:
        return None
    raw = tokens.decrypt(token.encrypted)
    if raw is None:
        # Encrypted under a key the server no longer has: nothing was shown, so nothing to audit.
        return None
    action = AuditEvent.Action.TOKEN_COPIED if purpose == "copy" else AuditEvent.Action.TOKEN_REVEALED
    audit_event_record(
        app=app, action=action, actor=actor, ip_address=ip_address, changes={"last_four": token.last_four}
    )
    return raw
