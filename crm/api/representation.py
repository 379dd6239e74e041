"""Records as JSON: explicit fields, references as ids, ISO 8601 times, decimals as strings."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache

from django.db import models

from crm.api.fields import api_fields
from crm.catalogue import Module


def datetime_to_json(value: datetime) -> str:
    # Full microsecond precision: a client syncing with updated_after must be able to
    # send back exactly the value it saw.
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _converter(model_field: models.Field) -> Callable[[object], object] | None:
    if isinstance(model_field, models.DateTimeField):
        return datetime_to_json
    if isinstance(model_field, models.DateField):
        return date.isoformat
    if isinstance(model_field, models.DecimalField):
        places = model_field.decimal_places
        return lambda value: f"{Decimal(value):.{places}f}"
    return None


@cache
def _columns(module: Module) -> tuple[tuple[str, str, Callable | None], ...]:
    """(JSON key, attribute, converter) per exposed value; references read through attname
    so that no related object is ever loaded."""
    columns = [("id", "pk", None)]
    columns += [(field.key, field.attname, _converter(field.model_field)) for field in api_fields(module)]
    columns += [(name, name, datetime_to_json) for name in ("created_at", "updated_at")]
    return tuple(columns)


def record_to_dict(module: Module, record: models.Model) -> dict[str, object]:
    result = {}
    for key, attname, convert in _columns(module):
        value = getattr(record, attname)
        result[key] = convert(value) if convert is not None and value is not None else value
    return result
