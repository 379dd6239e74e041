"""Django admin for support staff: private apps, their tokens and the audit trail.

The admin never shows a token, its digest or its ciphertext, only the masked form. Writes go
through the services, so support's edits, deletions and revocations are audited like anyone's.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.html import format_html

from crm.admin import CappedCountPaginator
from crm.catalogue import SCOPE_CHOICES
from integrations import services, tokens
from integrations.audit import client_ip
from integrations.models import AccessToken, AuditEvent, PrivateApp


class PrivateAppAdminForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one scope."},
    )

    class Meta:
        model = PrivateApp
        fields = ["name", "description", "scopes"]

    def clean_name(self) -> str:
        # The unique constraint involves organisation, which is read-only here, so the model
        # form would skip it; check it ourselves to get a form error instead of a crash.
        name = self.cleaned_data["name"].strip()
        clash = PrivateApp.objects.filter(organisation_id=self.instance.organisation_id, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(services.NAME_TAKEN_MESSAGE)
        return name


class AccessTokenInline(admin.TabularInline):
    model = AccessToken
    fields = ["masked", "created_by", "created_at", "revoked_at", "last_used_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("created_by")


@admin.register(PrivateApp)
class PrivateAppAdmin(admin.ModelAdmin):
    form = PrivateAppAdminForm
    list_display = ["name", "organisation", "scope_summary", "token", "created_at", "last_used_at"]
    list_filter = ["organisation", "created_at"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "organisation__slug"]
    fields = [
        "organisation",
        "name",
        "description",
        "scopes",
        "logo",
        "created_by",
        "created_at",
        "updated_at",
        "last_used_at",
    ]
    readonly_fields = ["organisation", "logo", "created_by", "created_at", "updated_at", "last_used_at"]
    inlines = [AccessTokenInline]
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The active token's last four in the same query: one row, no N+1 on the changelist.
        active = AccessToken.objects.filter(app=OuterRef("pk"), revoked_at__isnull=True)
        return super().get_queryset(request).annotate(active_last_four=Subquery(active.values("last_four")[:1]))

    @admin.display(description="Scopes")
    def scope_summary(self, obj: PrivateApp) -> str:
        return "; ".join(obj.scope_labels())

    @admin.display(description="Token")
    def token(self, obj: PrivateApp) -> str:
        last_four = getattr(obj, "active_last_four", None)
        return tokens.masked(last_four) if last_four else "No active token"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Creating an app issues a token, which only the UI and create_private_app hand out.
        return False

    def save_model(self, request: HttpRequest, obj: PrivateApp, form: PrivateAppAdminForm, change: bool) -> None:
        # The form has already written its values onto obj; the service diffs against the
        # stored row, so hand it a fresh copy to get an honest "what changed".
        stored = PrivateApp.objects.select_related("organisation").get(pk=obj.pk)
        services.private_app_update(
            app=stored,
            actor=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            scopes=form.cleaned_data["scopes"],
            ip_address=client_ip(request),
        )

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Tokens go with their app by design; that nobody may delete a token on its own
        # (revoking is the way) must not block deleting the app.
        perms_needed.discard(AccessToken._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: PrivateApp) -> None:
        services.private_app_delete(app=obj, actor=request.user, ip_address=client_ip(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for app in queryset:
            services.private_app_delete(app=app, actor=request.user, ip_address=client_ip(request))


class TokenStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("active", "Active"), ("revoked", "Revoked")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    # digest and encrypted are never listed, shown or searchable.
    list_display = ["masked", "app", "organisation", "is_active", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["app__organisation", TokenStatusFilter, "created_at"]
    list_select_related = ["app__organisation"]
    search_fields = ["app__name", "app__organisation__name", "app__organisation__slug", "=last_four"]
    fields = ["masked", "app", "organisation", "is_active", "created_by", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke_selected"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50

    @admin.display(description="Token")
    def masked(self, obj: AccessToken) -> str:
        return obj.masked

    @admin.display(description="Organisation", ordering="app__organisation__name")
    def organisation(self, obj: AccessToken):
        return obj.app.organisation

    @admin.display(description="Active", boolean=True)
    def is_active(self, obj: AccessToken) -> bool:
        return obj.is_active

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A revoked row is part of the audit trail; revoke instead.
        return False

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("integrations.change_accesstoken")

    @admin.action(description="Revoke selected tokens", permissions=["revoke"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        revoked = sum(
            services.access_token_revoke(token=token, actor=request.user, ip_address=client_ip(request))
            for token in queryset.select_related("app")
        )
        noun = "token" if revoked == 1 else "tokens"
        self.message_user(request, f"Revoked {revoked} {noun}.", messages.SUCCESS)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "app_name", "organisation", "actor", "ip_address"]
    list_filter = ["organisation", "action", "created_at"]
    list_select_related = ["organisation", "actor"]
    search_fields = ["app_name", "actor__username", "actor__email", "=ip_address"]
    fields = ["created_at", "action", "organisation", "app", "app_name", "actor", "ip_address", "changes_display"]
    readonly_fields = fields
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50

    @admin.display(description="Changes")
    def changes_display(self, obj: AuditEvent) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.changes, indent=2, ensure_ascii=False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
