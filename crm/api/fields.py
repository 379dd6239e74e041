"""The API's view of each module's fields: JSON keys, references as `<name>_id`, read-only keys."""

from dataclasses import dataclass
from functools import cache

from django.db import models

from crm.catalogue import Module

READ_ONLY_KEYS: tuple[str, ...] = ("id", "created_at", "updated_at")


@dataclass(frozen=True)
class ApiField:
    name: str  # the model field: "owner"
    key: str  # the JSON key: "owner_id"
    model_field: models.Field

    @property
    def is_reference(self) -> bool:
        return self.model_field.is_relation

    @property
    def attname(self) -> str:
        return self.model_field.attname


@cache
def api_fields(module: Module) -> tuple[ApiField, ...]:
    fields = []
    for name in module.fields:
        model_field = module.model._meta.get_field(name)
        key = f"{name}_id" if model_field.is_relation else name
        fields.append(ApiField(name=name, key=key, model_field=model_field))
    return tuple(fields)


@cache
def api_fields_by_key(module: Module) -> dict[str, ApiField]:
    return {field.key: field for field in api_fields(module)}


@cache
def filter_fields(module: Module) -> tuple[ApiField, ...]:
    by_name = {field.name: field for field in api_fields(module)}
    return tuple(by_name[name] for name in module.filters)
