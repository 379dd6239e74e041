"""The Django admin for support staff: every page loads, only for staff, and changelists never count a whole table."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.admin import CappedCountPaginator
from crm.catalogue import MODULES
from crm.models import Account, Contact, Lead, Membership, Organisation

MODELS = [Organisation, Membership, *[module.model for module in MODULES]]
RECORD_MODELS = [module.model for module in MODULES]


def url(model, view: str, *args) -> str:
    return reverse(f"admin:crm_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_staff_can_open_every_changelist(model, staff_client, demo):
    response = staff_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_staff_can_open_every_add_form(model, staff_client, db):
    assert staff_client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_staff_can_open_every_change_form(model, staff_client, demo):
    instance = model.objects.order_by("pk").last()
    response = staff_client.get(url(model, "change", instance.pk))
    assert response.status_code == 200
    # Timestamps are shown, not editable.
    assert b"Created at" in response.content
    assert b'name="created_at"' not in response.content
    assert b'name="updated_at"' not in response.content


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_organisation_admins_who_are_not_staff_are_sent_to_the_admin_login(view, admin_client_):
    response = admin_client_.get(url(Lead, view))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_users_are_sent_to_the_admin_login(client, db):
    response = client.get(url(Organisation, "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def counts_over(table: str, queries: list[dict]) -> list[str]:
    return [query["sql"] for query in queries if "COUNT(" in query["sql"] and f'"{table}"' in query["sql"]]


@pytest.mark.parametrize("query", ["", "?_facets=1", "?q=lead", "?status__exact=new"])
def test_a_changelist_never_counts_the_whole_table(query, staff_client, organisation):
    Lead.objects.bulk_create(Lead(organisation=organisation, name=f"Lead {n}") for n in range(60))
    with CaptureQueriesContext(connection) as context:
        response = staff_client.get(url(Lead, "changelist") + query)
    assert response.status_code == 200
    counts = counts_over("crm_lead", context.captured_queries)
    assert counts, "the paginator should count, within its cap"
    assert all(f"LIMIT {CappedCountPaginator.CAP}" in sql for sql in counts)


def test_the_paginator_stops_counting_at_its_cap(organisation, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 3)
    Lead.objects.bulk_create(Lead(organisation=organisation, name=f"Lead {n}") for n in range(5))
    assert CappedCountPaginator(Lead.objects.order_by("pk"), 2).count == 3
    assert CappedCountPaginator(Lead.objects.filter(name="Lead 1").order_by("pk"), 2).count == 1
    assert CappedCountPaginator(list(range(5)), 2).count == 3


def test_a_changelist_costs_the_same_queries_for_one_row_or_fifty(staff_client, organisation, admin_user):
    def queries_for_changelist() -> int:
        with CaptureQueriesContext(connection) as context:
            staff_client.get(url(Lead, "changelist"))
        return len(context)

    Lead.objects.create(organisation=organisation, name="First", owner=admin_user)
    one = queries_for_changelist()
    Lead.objects.bulk_create(Lead(organisation=organisation, name=f"Lead {n}", owner=admin_user) for n in range(49))
    assert queries_for_changelist() == one


def test_a_changelist_filters_by_organisation(staff_client, organisation, other_organisation):
    Lead.objects.create(organisation=organisation, name="Acme lead")
    Lead.objects.create(organisation=other_organisation, name="Globex lead")
    response = staff_client.get(url(Lead, "changelist") + f"?organisation__id__exact={other_organisation.pk}")
    assert [lead.name for lead in response.context["cl"].result_list] == ["Globex lead"]
    assert response.context["cl"].list_filter[0] == "organisation"


def test_a_changelist_searches(staff_client, organisation):
    Lead.objects.create(organisation=organisation, name="Priya Nair", company="Northwind")
    Lead.objects.create(organisation=organisation, name="Tom Becker", company="Contoso")
    response = staff_client.get(url(Lead, "changelist") + "?q=northwind")
    assert [lead.name for lead in response.context["cl"].result_list] == ["Priya Nair"]


def test_the_admin_refuses_a_reference_into_another_organisation(staff_client, organisation, other_organisation):
    foreign = Account.objects.create(organisation=other_organisation, name="Globex account")
    response = staff_client.post(
        url(Contact, "add"),
        {"organisation": organisation.pk, "first_name": "Tom", "last_name": "Becker", "account": foreign.pk},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["account"] == [
        f"account instance with id {foreign.pk} is not a valid choice."
    ]
    assert not Contact.objects.exists()


def test_references_are_picked_with_autocomplete(staff_client, organisation):
    Account.objects.create(organisation=organisation, name="Northwind Traders")
    Account.objects.create(organisation=organisation, name="Contoso")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "crm", "model_name": "contact", "field_name": "account", "term": "north"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in json.loads(response.content)["results"]] == ["Northwind Traders"]
