"""Shared fixtures: a small cast of users across two organisations, and isolated storage."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from crm.models import Membership, Organisation

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    # Uploaded logos go to a throwaway folder; static files skip WhiteNoise's manifest.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing each fixture user's password with the production hasher costs ~0.6 s per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(username: str, organisation: Organisation | None = None, role: str = Membership.Role.MEMBER, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, **extra
    )
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(name="Acme Pte Ltd", slug="acme")


@pytest.fixture
def other_organisation(db) -> Organisation:
    return Organisation.objects.create(name="Globex Corporation", slug="globex")


@pytest.fixture
def admin_user(organisation):
    """May manage integrations."""
    return make_user("alice", organisation, Membership.Role.ADMIN)


@pytest.fixture
def member_user(organisation):
    """Same organisation, but not an admin."""
    return make_user("bob", organisation, Membership.Role.MEMBER)


@pytest.fixture
def other_admin(other_organisation):
    """Admin of another organisation."""
    return make_user("charlie", other_organisation, Membership.Role.ADMIN)


@pytest.fixture
def staff_user(db):
    return make_user("sam", is_staff=True, is_superuser=True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(admin_user) -> Client:
    return logged_in(admin_user)


@pytest.fixture
def member_client(member_user) -> Client:
    return logged_in(member_user)


@pytest.fixture
def other_admin_client(other_admin) -> Client:
    return logged_in(other_admin)


@pytest.fixture
def staff_client(staff_user) -> Client:
    return logged_in(staff_user)
