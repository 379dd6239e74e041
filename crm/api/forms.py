"""Input validation: strict JSON type checks, then a ModelForm generated from the catalogue.

Django forms were made for HTML form posts and coerce what they get (a JSON true becomes the
name "True", 1 becomes a date). So each value's JSON type is checked first; the form then does
what it is good at: required fields, lengths, choices, formats, references and the model's
full_clean (which also rejects references into another organisation).
"""

from decimal import Decimal
from functools import cache

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.dateparse import parse_date

from crm.api.fields import READ_ONLY_KEYS, ApiField, api_fields, api_fields_by_key
from crm.api.pagination import parse_timestamp
from crm.catalogue import Module
from crm.models import OrganisationRecord, organisation_path

NON_FIELD_KEY = "non_field_errors"


class ApiModelForm(forms.ModelForm):
    def _update_errors(self, errors: ValidationError) -> None:
        # A PATCH validates only what was sent. The model's clean() checks every reference,
        # and one the client did not send (an owner who has since left the organisation) is
        # not this request's problem, so it is not reported as if it were.
        if hasattr(errors, "error_dict"):
            kept = {
                name: errs
                for name, errs in errors.error_dict.items()
                if name in self.fields or name == NON_FIELD_ERRORS
            }
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)


def _form_field(model_field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a bare "example.com" means the secure site
    return model_field.formfield(**kwargs)


@cache
def form_class(module: Module, names: tuple[str, ...]) -> type[ApiModelForm]:
    return forms.modelform_factory(module.model, form=ApiModelForm, fields=names, formfield_callback=_form_field)


def _type_error(api_field: ApiField, value: object) -> str | None:
    """Why the JSON value has the wrong type for the field, or None when it is acceptable."""
    model_field = api_field.model_field
    if value is None:
        return None if model_field.null else "This field may not be null."
    if api_field.is_reference:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "Expected the id of a record (a whole number) or null."
    if isinstance(model_field, models.BooleanField):
        return None if isinstance(value, bool) else "Expected true or false."
    if isinstance(model_field, models.DecimalField):
        ok = isinstance(value, str | int | Decimal) and not isinstance(value, bool)
        return None if ok else 'Expected a decimal number, as a string such as "1250.50" or a number.'
    if not isinstance(value, str):
        return "Expected a string."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "The text contains characters that are not valid Unicode."
    if isinstance(model_field, models.DateTimeField) and parse_timestamp(value) is None:
        return "Expected an ISO 8601 date and time, such as 2025-01-31T09:30:00Z."
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            return "Expected an ISO 8601 date, such as 2025-01-31."
    return None


def _form_value(api_field: ApiField, value: object) -> object:
    """The JSON value as the form field expects it."""
    if value is None:
        return None
    model_field = api_field.model_field
    if isinstance(model_field, models.DecimalField):
        return str(value)
    if isinstance(model_field, models.DateTimeField):
        return parse_timestamp(value)
    if isinstance(model_field, models.DateField):
        return parse_date(value)
    return value


def checked_form_data(module: Module, payload: dict) -> tuple[dict, dict[str, list[str]]]:
    """The well-typed values keyed by model field name, and errors keyed by JSON key for the rest."""
    by_key = api_fields_by_key(module)
    errors: dict[str, list[str]] = {}
    data = {}
    for key, value in payload.items():
        api_field = by_key.get(key)
        if key in READ_ONLY_KEYS:
            errors[key] = ["This field is read-only."]
        elif api_field is None:
            hint = f" Did you mean {key}_id?" if f"{key}_id" in by_key else ""
            errors[key] = [f"Unknown field.{hint}"]
        elif (message := _type_error(api_field, value)) is not None:
            errors[key] = [message]
        else:
            data[api_field.name] = _form_value(api_field, value)
    return data, errors


def _limit_to_organisation(form: forms.ModelForm, organisation_id: int) -> None:
    for form_field in form.fields.values():
        if not isinstance(form_field, forms.ModelChoiceField):
            continue
        related = form_field.queryset.model
        if (path := organisation_path(related)) is not None:
            form_field.queryset = related.objects.filter(**{path: organisation_id})
        verbose_name = related._meta.verbose_name
        form_field.error_messages["invalid_choice"] = f"There is no {verbose_name} with id %(value)s."


def _choice_messages(form: forms.ModelForm) -> None:
    for form_field in form.fields.values():
        if isinstance(form_field, forms.TypedChoiceField):
            allowed = ", ".join(str(value) for value, _ in form_field.choices if value != "")
            form_field.error_messages["invalid_choice"] = f"“%(value)s” is not one of: {allowed}."


def json_errors(module: Module, errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Form errors keyed by model field name, re-keyed by JSON key."""
    keys = {api_field.name: api_field.key for api_field in api_fields(module)}
    keys[NON_FIELD_ERRORS] = NON_FIELD_KEY
    return {keys.get(name, name): list(messages) for name, messages in errors.items()}


def validated_form(module: Module, record: OrganisationRecord, payload: dict) -> ApiModelForm:
    """A valid bound form for the record, or a ValidationError keyed by JSON key.

    A new record is validated in full, its omitted fields taking the model's defaults; an
    existing one only in the fields sent, merged onto it."""
    data, errors = checked_form_data(module, payload)
    if record._state.adding:
        # A field sent with the wrong type is left out rather than silently given its default.
        mistyped = {api_field.name for api_field in api_fields(module) if api_field.key in errors}
        names = tuple(name for name in module.fields if name not in mistyped)
        defaults = {api_field.name: getattr(record, api_field.attname) for api_field in api_fields(module)}
        data = {**{name: defaults[name] for name in names}, **data}
    else:
        names = tuple(name for name in module.fields if name in data)
    form = form_class(module, names)(data=data, instance=record)
    _limit_to_organisation(form, record.organisation_id)
    _choice_messages(form)
    if not form.is_valid() or errors:
        raise ValidationError({**json_errors(module, form.errors), **errors})
    return form
