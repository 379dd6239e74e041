"""Django admin for support staff: organisations, memberships and every CRM module."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property

from crm.catalogue import MODULES
from crm.models import Membership, Organisation


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so a changelist on a huge table never runs a full COUNT(*)."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        """At most CAP: SELECT COUNT(*) FROM (SELECT … LIMIT CAP), so the last pages of a huge table are out of
        reach, and the changelist says "10000 leads" when there are more; search or filter to narrow it."""
        if not hasattr(self.object_list, "order_by"):
            return min(len(self.object_list), self.CAP)
        return self.object_list.order_by()[: self.CAP].count()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["organisation", "role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["created_at"]


class OrganisationRecordAdmin(admin.ModelAdmin):
    """Shared behaviour for the six modules: filter by organisation first, never count a whole table."""

    readonly_fields = ["created_at", "updated_at"]
    # A website typed as "northwind.example" becomes https://, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    show_full_result_count = False
    # Facet counts would run one COUNT per filter choice over the whole table.
    show_facets = admin.ShowFacets.NEVER
    paginator = CappedCountPaginator
    list_per_page = 50
    # Served by the (organisation, id) index once an organisation is picked.
    ordering = ["-id"]


# The columns support staff scan for; references among them are fetched in the same query.
LIST_COLUMNS: dict[str, list[str]] = {
    "Lead": ["name", "email", "company", "status", "owner"],
    "Contact": ["first_name", "last_name", "email", "job_title", "account"],
    "Account": ["name", "industry", "website", "phone"],
    "Opportunity": ["name", "account", "amount", "currency", "stage", "close_date"],
    "Activity": ["subject", "kind", "due_at", "done"],
    "Message": ["channel", "direction", "sender", "recipient", "sent_at"],
}


def _register_modules() -> None:
    for module in MODULES:
        model = module.model
        columns = LIST_COLUMNS[module.model_name]
        references = [name for name in module.fields if model._meta.get_field(name).is_relation]
        choice_filters = [
            name for name in module.fields if name not in references and model._meta.get_field(name).choices
        ]
        attributes = {
            "list_display": ["id", *columns, "organisation", "updated_at"],
            "list_display_links": ["id", columns[0]],
            "list_filter": ["organisation", *choice_filters],
            "list_select_related": ["organisation", *[name for name in columns if name in references]],
            "search_fields": list(module.search_fields),
            "autocomplete_fields": ["organisation", *references],
        }
        admin.site.register(model, type(f"{model.__name__}Admin", (OrganisationRecordAdmin,), attributes))


_register_modules()
