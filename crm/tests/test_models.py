"""Model validation for every module, including references that cross into another organisation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user
from crm.catalogue import MODULES
from crm.models import Account, Activity, Contact, Lead, Membership, Message, Opportunity, Organisation

VALID_FIELDS: dict[type, dict] = {
    Lead: {"name": "Priya Nair", "email": "priya@example.com", "phone": "+65 6123 4567", "status": "qualified"},
    Contact: {"first_name": "Tom", "last_name": "Becker", "email": "tom@example.com", "phone": "(555) 010-9999"},
    Account: {"name": "Northwind", "website": "https://northwind.example", "phone": "+44 20 7946 0011"},
    Opportunity: {"name": "Renewal", "amount": Decimal("12500.00"), "currency": "SGD", "stage": "proposal"},
    Activity: {"kind": "call", "subject": "Discuss pricing"},
    Message: {"channel": "email", "direction": "inbound", "sender": "a@example.com", "recipient": "b@example.com"}
    | {"body": "Hello"},
}

# (model, field): every reference between CRM records, straight from the catalogue.
REFERENCES = [
    (module.model, name)
    for module in MODULES
    for name in module.fields
    if module.model._meta.get_field(name).is_relation and name != "owner"
]


def record(model: type, organisation: Organisation, **overrides):
    return model(organisation=organisation, **{**VALID_FIELDS[model], **overrides})


def saved(model: type, organisation: Organisation):
    instance = record(model, organisation)
    instance.save()
    return instance


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize("model", list(VALID_FIELDS))
def test_a_complete_record_of_every_module_is_valid(model, organisation):
    record(model, organisation).full_clean()


@pytest.mark.parametrize(
    ("model", "overrides", "fields"),
    [
        (Lead, {"name": "", "email": "not-an-email", "status": "won"}, {"name", "email", "status"}),
        (Contact, {"first_name": "", "last_name": "", "email": "x@"}, {"first_name", "last_name", "email"}),
        (Account, {"name": "", "website": "northwind", "phone": "call me"}, {"name", "website", "phone"}),
        (Opportunity, {"amount": Decimal("-1"), "currency": "usd", "stage": "maybe"}, {"amount", "currency", "stage"}),
        (Activity, {"kind": "lunch", "subject": ""}, {"kind", "subject"}),
        (Message, {"channel": "pigeon", "direction": "sideways", "body": ""}, {"channel", "direction", "body"}),
    ],
)
def test_invalid_data_gives_one_message_per_field(model, overrides, fields, organisation):
    errors = errors_of(record(model, organisation, **overrides))
    assert set(errors) == fields
    assert all(len(messages) == 1 for messages in errors.values())


def test_a_record_needs_an_organisation(db):
    errors = errors_of(Lead(name="Orphan"))
    assert errors == {"organisation": ["This field cannot be null."]}


@pytest.mark.parametrize(("model", "field"), REFERENCES, ids=[f"{m.__name__}.{f}" for m, f in REFERENCES])
def test_a_reference_into_the_same_organisation_is_accepted(model, field, organisation):
    target = saved(model._meta.get_field(field).related_model, organisation)
    record(model, organisation, **{field: target}).full_clean()


@pytest.mark.parametrize(("model", "field"), REFERENCES, ids=[f"{m.__name__}.{f}" for m, f in REFERENCES])
def test_a_reference_into_another_organisation_is_rejected_as_if_it_did_not_exist(
    model, field, organisation, other_organisation
):
    related = model._meta.get_field(field).related_model
    foreign = saved(related, other_organisation)
    missing_id = related.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000

    foreign_errors = errors_of(record(model, organisation, **{f"{field}_id": foreign.pk}))
    missing_errors = errors_of(record(model, organisation, **{f"{field}_id": missing_id}))

    assert set(foreign_errors) == {field}
    assert foreign_errors[field] == [missing_errors[field][0].replace(str(missing_id), str(foreign.pk))]
    assert len(missing_errors[field]) == 1  # Django's check and ours do not both report it


def test_checking_a_reference_costs_one_query_beyond_djangos_own(organisation, django_assert_num_queries):
    contact = record(Contact, organisation, account=saved(Account, organisation))
    # Django checks that the organisation and the account exist; the organisation check adds one.
    with django_assert_num_queries(3):
        contact.full_clean()


def test_a_lead_may_be_owned_by_a_member_of_its_organisation(organisation, member_user):
    record(Lead, organisation, owner=member_user).full_clean()


def test_a_lead_may_not_be_owned_by_someone_from_another_organisation(organisation, other_admin):
    errors = errors_of(record(Lead, organisation, owner=other_admin))
    assert errors == {"owner": [f"user instance with id {other_admin.pk} is not a valid choice."]}


def test_a_lead_may_not_be_owned_by_a_user_without_an_organisation(organisation, staff_user):
    assert not Membership.objects.filter(user=staff_user).exists()
    errors = errors_of(record(Lead, organisation, owner=staff_user))
    assert list(errors) == ["owner"]


def test_moving_an_owner_to_another_organisation_invalidates_the_lead(organisation, other_organisation):
    owner = make_user("dana", organisation)
    lead = record(Lead, organisation, owner=owner)
    lead.full_clean()
    Membership.objects.filter(user=owner).update(organisation=other_organisation)
    assert list(errors_of(lead)) == ["owner"]
