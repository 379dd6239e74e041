"""List parameters and keyset cursors.

A cursor is a signed (not encrypted) record of where the previous page ended, together with the
ordering and filters it applies to, so the next page continues the same walk. Keyset pagination
never skips or repeats a record when others are created or updated in between, costs the same at
any depth, and needs no COUNT(*).
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.core import signing
from django.db.models import Q
from django.http import QueryDict
from django.utils.dateparse import parse_datetime

from crm.api.fields import ApiField, filter_fields
from crm.api.problems import ApiError
from crm.catalogue import Module

ORDERINGS: tuple[str, ...] = ("id", "-id", "updated_at", "-updated_at")
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
CURSOR_SALT = "crm.api.cursor"
MAX_ID = 2**63 - 1  # the largest id a database can hold; larger ones would crash the driver
CURSOR_PARAMETERS = ("ordering", "updated_after")


@dataclass(frozen=True)
class ListQuery:
    ordering: str = "id"
    filters: tuple[tuple[str, object], ...] = ()  # (attname, value), in catalogue order
    updated_after: datetime | None = None
    after: tuple | None = None  # the key of the last record already returned
    limit: int = DEFAULT_LIMIT

    def same_walk(self, other: "ListQuery") -> bool:
        return (self.ordering, self.filters, self.updated_after) == (other.ordering, other.filters, other.updated_after)


def parse_timestamp(raw: str) -> datetime | None:
    """An ISO 8601 date-time; naive means UTC. A '+' left unencoded in a URL arrives as a space."""
    raw = raw.strip()
    if len(raw) > 6 and raw[-6] == " " and raw[-3] == ":":
        raw = raw[:-6] + "+" + raw[-5:]
    try:
        value = parse_datetime(raw)
    except ValueError:  # well-formed but impossible, such as month 13
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        # In UTC: PostgreSQL refuses offsets past ±15:59 that Python accepts (up to ±23:59).
        return value.astimezone(UTC)
    except OverflowError:  # an offset that pushes year 1 or 9999 out of range
        return None


def _filter_value(api_field: ApiField, raw: str) -> object:
    model_field = api_field.model_field
    if "\x00" in raw:  # no stored text holds one, and PostgreSQL refuses it in a query
        raise ValueError("Null characters are not allowed here.")
    if api_field.is_reference:
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
            raise ValueError(f"Enter an id: a whole number from 1 to {MAX_ID}.")
        return int(raw)
    if model_field.get_internal_type() == "BooleanField":
        if raw not in ("true", "false"):
            raise ValueError("Enter true or false.")
        return raw == "true"
    if model_field.choices:
        allowed = [str(value) for value, _ in model_field.choices]
        if raw not in allowed:
            raise ValueError(f"Choose one of: {', '.join(allowed)}.")
    return raw


def list_query_from(params: QueryDict, module: Module) -> ListQuery:
    """Validate the query string of a list request; every problem is reported at once."""
    filterable = {api_field.key: api_field for api_field in filter_fields(module)}
    known = {"limit", "cursor", *CURSOR_PARAMETERS, *filterable}
    errors: dict[str, list[str]] = {}
    for key in params:
        if key not in known:
            errors[key] = [f"Unknown parameter. Known parameters: {', '.join(sorted(known))}."]
        elif len(params.getlist(key)) > 1:
            errors[key] = ["Give this parameter only once."]
    values = {key: params[key] for key in params if key not in errors}

    limit = DEFAULT_LIMIT
    if "limit" in values:
        raw = values["limit"]
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
            errors["limit"] = [f"Enter a whole number from 1 to {MAX_LIMIT}."]
        else:
            limit = int(raw)
    ordering = values.get("ordering", "id")
    if ordering not in ORDERINGS:
        errors["ordering"] = [f"Choose one of: {', '.join(ORDERINGS)}."]
    updated_after = None
    if "updated_after" in values:
        updated_after = parse_timestamp(values["updated_after"])
        if updated_after is None:
            errors["updated_after"] = ["Enter an ISO 8601 date and time, such as 2025-01-31T09:30:00Z."]
    filters = []
    for key, api_field in filterable.items():
        if key in values:
            try:
                filters.append((api_field.attname, _filter_value(api_field, values[key])))
            except ValueError as error:
                errors[key] = [str(error)]
    if errors:
        raise ApiError("invalid-request", "Some query parameters are not valid.", errors=errors)

    query = ListQuery(ordering=ordering, filters=tuple(filters), updated_after=updated_after, limit=limit)
    if "cursor" not in values:
        return query
    from_cursor = decode_cursor(values["cursor"], module)
    restated = any(key in values for key in (*CURSOR_PARAMETERS, *filterable))
    if restated and not query.same_walk(from_cursor):
        raise ApiError(
            "invalid-request",
            "The cursor continues a list with other ordering or filters. Repeat the same ones or leave them out.",
            errors={"cursor": ["Does not match the ordering or filters given."]},
        )
    return replace(from_cursor, limit=limit)


def encode_cursor(module: Module, query: ListQuery, key: tuple) -> str:
    payload = {
        "r": module.resource,
        "o": query.ordering,
        "f": [list(pair) for pair in query.filters],
        "u": query.updated_after.isoformat() if query.updated_after else None,
        "k": [value.isoformat() if isinstance(value, datetime) else value for value in key],
    }
    return signing.dumps(payload, salt=CURSOR_SALT, compress=True)


def decode_cursor(raw: str, module: Module) -> ListQuery:
    invalid = ApiError(
        "invalid-request",
        "The cursor is not valid. Use next_cursor exactly as a previous page returned it.",
        errors={"cursor": ["Not a cursor this API issued."]},
    )
    try:
        payload = signing.loads(raw, salt=CURSOR_SALT)
    except signing.BadSignature:
        raise invalid from None
    try:
        # Signed by us, but perhaps by an older release or for another resource.
        if payload["r"] != module.resource or payload["o"] not in ORDERINGS:
            raise invalid
        filterable = {api_field.attname for api_field in filter_fields(module)}
        filters = tuple((str(name), value) for name, value in payload["f"])
        if any(name not in filterable for name, _ in filters):
            raise invalid
        key = payload["k"]
        if payload["o"].lstrip("-") == "updated_at":
            key = (datetime.fromisoformat(key[0]), int(key[1]))
        else:
            key = (int(key[0]),)
        return ListQuery(
            ordering=payload["o"],
            filters=filters,
            updated_after=datetime.fromisoformat(payload["u"]) if payload["u"] else None,
            after=key,
        )
    except (KeyError, TypeError, ValueError, IndexError):
        raise invalid from None


def order_by(ordering: str) -> tuple[str, ...]:
    if ordering.lstrip("-") == "updated_at":
        # id breaks ties, so the order is total and a cursor position is unambiguous.
        return ("-updated_at", "-id") if ordering.startswith("-") else ("updated_at", "id")
    return (ordering,)


def record_key(ordering: str, record) -> tuple:
    if ordering.lstrip("-") == "updated_at":
        return (record.updated_at, record.pk)
    return (record.pk,)


def after_key(ordering: str, key: tuple) -> Q:
    """Records strictly after the key in this ordering. The leading range condition on
    updated_at lets the (organisation, updated_at, id) index bound the scan."""
    descending = ordering.startswith("-")
    past, past_or_equal = ("lt", "lte") if descending else ("gt", "gte")
    if ordering.lstrip("-") == "updated_at":
        updated_at, pk = key
        return Q(**{f"updated_at__{past_or_equal}": updated_at}) & (
            Q(**{f"updated_at__{past}": updated_at}) | Q(**{f"id__{past}": pk})
        )
    return Q(**{f"id__{past}": key[0]})
