"""Private apps, their access tokens and the audit trail of what admins did with them."""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower

from crm.catalogue import MODULES, scope_summary
from crm.models import Organisation
from integrations import tokens


def logo_upload_to(instance: "PrivateApp", filename: str) -> str:
    # The name is ours, never the uploader's: the extension follows the re-encoded format.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"private-app-logos/{uuid.uuid4().hex}.{extension}"


class PrivateApp(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="private_apps")
    name = models.CharField(max_length=80)
    description = models.TextField(max_length=500, blank=True, validators=[MaxLengthValidator(500)])
    logo = models.ImageField(upload_to=logo_upload_to, blank=True)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "organisation", name="private_app_name_unique_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        """Human summary, in catalogue order: ['Lead: Read, Create', 'Contact: Read']."""
        return scope_summary(self.scopes)

    def scope_matrix(self) -> list[dict]:
        """One row per module, one boolean per action: the read-only scope table on the app page."""
        granted = set(self.scopes)
        return [{"label": module.label, "cells": [scope in granted for scope in module.scopes]} for module in MODULES]


class AccessToken(models.Model):
    app = models.ForeignKey(PrivateApp, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    encrypted = models.TextField(editable=False)
    last_four = models.CharField(max_length=4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["app"], condition=models.Q(revoked_at__isnull=True), name="one_active_token_per_app"
            ),
        ]

    def __str__(self) -> str:
        return self.masked

    @property
    def masked(self) -> str:
        return tokens.masked(self.last_four)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        APP_CREATED = "app_created", "App created"
        APP_EDITED = "app_edited", "App edited"
        APP_DELETED = "app_deleted", "App deleted"
        TOKEN_GENERATED = "token_generated", "Token generated"
        TOKEN_REVEALED = "token_revealed", "Token revealed"
        TOKEN_COPIED = "token_copied", "Token copied"
        TOKEN_REVOKED = "token_revoked", "Token revoked"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Kept after the app is deleted, so the trail survives; app_name is the name at the time.
    app = models.ForeignKey(PrivateApp, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    app_name = models.CharField(max_length=80)
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "created_at"], name="audit_org_created")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.app_name}"


class PendingLogo(models.Model):
    """A validated, re-encoded logo waiting between the wizard's two steps.

    The database, not the cache or a temp folder, because step 1 and step 2 may be served by
    different worker processes; rows older than an hour are purged on the next upload.
    """

    key = models.CharField(max_length=64, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=20)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Pending logo {self.key[:8]}…"
