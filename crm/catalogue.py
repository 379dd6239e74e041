"""The module catalogue: one registry of the six CRM modules that drives scopes, API routes,
forms, the OpenAPI document, the admin and the scope matrix in the UI."""

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.db import models

ACTIONS: tuple[str, ...] = ("read", "create", "update", "delete")
ACTION_LABELS: dict[str, str] = {action: action.capitalize() for action in ACTIONS}


@dataclass(frozen=True)
class Module:
    label: str  # what people see: "Lead"
    resource: str  # the API path segment and scope prefix: "leads"
    model_name: str  # the model in the crm app: "Lead"
    fields: tuple[str, ...]  # writable fields exposed by the API (references by field name)
    filters: tuple[str, ...] = ()  # exact-match list filters
    search_fields: tuple[str, ...] = ()  # admin search

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model("crm", self.model_name)

    @property
    def label_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    def scope(self, action: str) -> str:
        return f"{self.resource}:{action}"

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(self.scope(action) for action in ACTIONS)


MODULES: tuple[Module, ...] = (
    Module(
        label="Lead",
        resource="leads",
        model_name="Lead",
        fields=("name", "email", "phone", "company", "status", "source", "owner"),
        filters=("status", "email", "owner"),
        search_fields=("name", "email", "company"),
    ),
    Module(
        label="Contact",
        resource="contacts",
        model_name="Contact",
        fields=("first_name", "last_name", "email", "phone", "job_title", "account"),
        filters=("email", "account"),
        search_fields=("first_name", "last_name", "email"),
    ),
    Module(
        label="Account",
        resource="accounts",
        model_name="Account",
        fields=("name", "industry", "website", "phone", "address"),
        filters=("industry",),
        search_fields=("name", "website"),
    ),
    Module(
        label="Opportunity",
        resource="opportunities",
        model_name="Opportunity",
        fields=("name", "account", "contact", "amount", "currency", "stage", "close_date"),
        filters=("stage", "account", "contact"),
        search_fields=("name",),
    ),
    Module(
        label="Activity",
        resource="activities",
        model_name="Activity",
        fields=("kind", "subject", "notes", "due_at", "done", "lead", "contact", "account", "opportunity"),
        filters=("kind", "done", "lead", "contact", "account", "opportunity"),
        search_fields=("subject",),
    ),
    Module(
        label="Message",
        resource="messages",
        model_name="Message",
        fields=("channel", "direction", "sender", "recipient", "body", "contact", "lead", "sent_at"),
        filters=("channel", "direction", "contact", "lead"),
        search_fields=("sender", "recipient"),
    ),
)

MODULES_BY_RESOURCE: dict[str, Module] = {module.resource: module for module in MODULES}

ALL_SCOPES: tuple[str, ...] = tuple(scope for module in MODULES for scope in module.scopes)
SCOPE_CHOICES: list[tuple[str, str]] = [
    (module.scope(action), f"{module.label}: {ACTION_LABELS[action]}") for module in MODULES for action in ACTIONS
]


def scopes_in_order(scopes) -> list[str]:
    """The known scopes among these, once each, in catalogue order (stable for display and diffs)."""
    wanted = set(scopes)
    return [scope for scope in ALL_SCOPES if scope in wanted]


def module_for_resource(resource: str) -> Module | None:
    return MODULES_BY_RESOURCE.get(resource)


def scope_summary(scopes) -> list[str]:
    """Scopes grouped by module, in catalogue order: ['Lead: Read, Create', 'Contact: Read']."""
    granted = set(scopes)
    summary = []
    for module in MODULES:
        actions = [ACTION_LABELS[action] for action in ACTIONS if module.scope(action) in granted]
        if actions:
            summary.append(f"{module.label}: {', '.join(actions)}")
    return summary
