"""The per-organisation cap on private apps, including against concurrent creates."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection, connections

from integrations import services
from integrations.models import AccessToken, PrivateApp

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"


def create(organisation, name: str):
    return services.private_app_create(organisation=organisation, actor=None, name=name, scopes=["leads:read"])


def fill(organisation, count: int) -> None:
    apps = [PrivateApp(organisation=organisation, name=f"Existing {n}", scopes=["leads:read"]) for n in range(count)]
    PrivateApp.objects.bulk_create(apps)


def test_twenty_apps_are_allowed_and_the_twenty_first_is_refused(organisation):
    for number in range(20):
        create(organisation, f"App {number}")

    with pytest.raises(ValidationError) as error:
        create(organisation, "App 20")

    assert error.value.code == "limit_reached"
    assert "limit of 20" in error.value.messages[0]
    assert PrivateApp.objects.filter(organisation=organisation).count() == 20
    assert AccessToken.objects.count() == 20


def test_the_limit_is_per_organisation(organisation, other_organisation):
    fill(organisation, 20)

    app, _ = create(other_organisation, "Zapier")

    assert app.organisation == other_organisation


def test_the_limit_follows_the_setting(organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 2
    create(organisation, "One")
    create(organisation, "Two")

    with pytest.raises(ValidationError) as error:
        create(organisation, "Three")

    assert error.value.code == "limit_reached"
    assert "limit of 2" in error.value.messages[0]


def test_deleting_an_app_makes_room_again(organisation):
    fill(organisation, 19)
    app, _ = create(organisation, "Twentieth")
    services.private_app_delete(app=app, actor=None)

    create(organisation, "Another twentieth")

    assert PrivateApp.objects.filter(organisation=organisation).count() == 20


def test_private_app_limit_reached_tells_whether_the_organisation_is_full(organisation):
    fill(organisation, 19)
    assert not services.private_app_limit_reached(organisation=organisation)

    create(organisation, "Twentieth")

    assert services.private_app_limit_reached(organisation=organisation)


def _create_in_parallel(organisation, names: list[str]) -> dict[str, str]:
    barrier = threading.Barrier(len(names))
    outcomes: dict[str, str] = {}

    def worker(name: str) -> None:
        try:
            barrier.wait(timeout=30)
            create(organisation, name)
            outcomes[name] = "created"
        except ValidationError as error:
            outcomes[name] = error.code or "; ".join(error.messages)
        except Exception as error:  # reported by the assertion below, not swallowed
            outcomes[name] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_parallel_creates_cannot_exceed_the_limit(organisation):
    limit = django_settings.PRIVATE_APPS_PER_ORGANISATION
    fill(organisation, limit - 3)

    outcomes = _create_in_parallel(organisation, [f"Parallel {number}" for number in range(8)])

    assert sorted(outcomes.values()) == ["created"] * 3 + ["limit_reached"] * 5, outcomes
    assert PrivateApp.objects.filter(organisation=organisation).count() == limit
    assert AccessToken.objects.filter(app__organisation=organisation).count() == 3


def _postgres_reachable() -> bool:
    try:
        with psycopg.connect(POSTGRES_URL + "/postgres", connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@pytest.mark.skipif(not _postgres_reachable(), reason="no PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth)")
def test_parallel_creates_cannot_exceed_the_limit_on_postgresql():
    # Row locks are what protect the limit on PostgreSQL, so run the parallel test there for
    # real: a child pytest with DATABASE_URL set, which creates and drops its own test database.
    if connection.vendor == "postgresql":
        pytest.skip("already running on PostgreSQL; the test above covers it")
    database = f"crm_limit_check_{os.getpid()}"
    env = {**os.environ, "DATABASE_URL": f"{POSTGRES_URL}/{database}"}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(  # noqa: S603 (our own interpreter and test file)
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).relative_to(root)}::test_parallel_creates_cannot_exceed_the_limit",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
