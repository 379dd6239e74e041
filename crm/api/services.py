"""Writes through the API: create, partial update and delete of one record."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from crm.api.forms import NON_FIELD_KEY, validated_form
from crm.catalogue import Module
from crm.models import Organisation, OrganisationRecord

RACE_MESSAGE = "A record this one refers to was deleted at the same moment. Try again."


def record_create(*, module: Module, organisation: Organisation, payload: dict) -> models.Model:
    record = module.model(organisation=organisation)
    # One transaction: on SQLite (IMMEDIATE) the reference checks and the insert see the same data.
    try:
        with transaction.atomic():
            validated_form(module, record, payload).save()
    except IntegrityError:
        raise ValidationError({NON_FIELD_KEY: [RACE_MESSAGE]}) from None
    return record


def record_update(*, module: Module, record: OrganisationRecord, payload: dict) -> models.Model:
    """Apply the fields sent; the others keep their values. An empty object changes nothing."""
    try:
        with transaction.atomic():
            sent = list(validated_form(module, record, payload).fields)
            if sent:
                record.save(update_fields=[*sent, "updated_at"])
    except IntegrityError:
        raise ValidationError({NON_FIELD_KEY: [RACE_MESSAGE]}) from None
    return record


def record_delete(*, record: OrganisationRecord) -> None:
    """Delete the record. Records that referred to it lose the reference (SET_NULL); their
    updated_at moves too, so a client syncing with updated_after sees that change."""
    now = timezone.now()
    with transaction.atomic():
        for relation in record._meta.related_objects:
            if relation.on_delete is models.SET_NULL and issubclass(relation.related_model, OrganisationRecord):
                relation.related_model.objects.filter(**{relation.field.name: record}).update(
                    **{relation.field.name: None, "updated_at": now}
                )
        record.delete()
