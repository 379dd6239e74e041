"""seed_demo: demo organisations, users and records, the same after any number of runs."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from crm.catalogue import MODULES
from crm.management.commands.seed_demo import DEMO_PASSWORD
from crm.models import Lead, Membership, Organisation

MODELS = [get_user_model(), Organisation, Membership, *[module.model for module in MODULES]]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_it_creates_two_organisations_with_records_in_every_module():
    seed()
    acme, globex = Organisation.objects.get(slug="acme"), Organisation.objects.get(slug="globex")
    for module in MODULES:
        assert module.model.objects.filter(organisation=acme).exists(), module.label
        assert module.model.objects.filter(organisation=globex).exists(), module.label
    assert Membership.objects.get(user__username="admin").organisation == acme
    assert Membership.objects.get(user__username="admin").is_admin
    assert not Membership.objects.get(user__username="member").is_admin
    assert get_user_model().objects.get(username="support").is_staff


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    seed()
    before = row_counts()
    seed()
    assert row_counts() == before


@pytest.mark.django_db
def test_it_prints_logins_that_work(client):
    output = seed()
    for username in ["admin", "member", "globex-admin", "support"]:
        assert f"{username} / {DEMO_PASSWORD}" in output
        assert client.login(username=username, password=DEMO_PASSWORD)
    assert "http://127.0.0.1:8000/admin/" in output


@pytest.mark.django_db
def test_every_demo_record_passes_validation():
    seed()
    for module in MODULES:
        for record in module.model.objects.all():
            record.full_clean()


@pytest.mark.django_db
def test_it_keeps_an_existing_users_password():
    seed()
    user = get_user_model().objects.get(username="admin")
    user.set_password("changed-by-the-developer")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-developer")


@pytest.mark.django_db
def test_demo_leads_are_owned_by_members_of_their_own_organisation():
    seed()
    owned = Lead.objects.exclude(owner=None).select_related("owner__membership")
    assert owned.exists()
    assert all(lead.owner.membership.organisation_id == lead.organisation_id for lead in owned)
