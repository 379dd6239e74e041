"""Django admin for support staff: organisations, memberships and every CRM module."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from crm.catalogue import MODULES
from crm.models import Membership, Organisation


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so a changelist on a huge table never runs a full COUNT(*)."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
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
    """Shared behaviour for the six modules; list columns come from the catalogue."""

    list_filter = ["organisation"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    ordering = ["-id"]


def _register_modules() -> None:
    for module in MODULES:
        model = module.model
        references = [name for name in module.fields if model._meta.get_field(name).is_relation]
        columns = ["id", *[name for name in module.fields[:4] if name not in references], "organisation", "updated_at"]
        choice_filters = [
            name for name in module.fields if model._meta.get_field(name).choices and name not in references
        ]
        attributes = {
            "list_display": columns,
            "list_filter": ["organisation", *choice_filters],
            "list_select_related": ["organisation"],
            "search_fields": list(module.search_fields),
            "autocomplete_fields": ["organisation", *references],
        }
        admin.site.register(model, type(f"{model.__name__}Admin", (OrganisationRecordAdmin,), attributes))


_register_modules()
