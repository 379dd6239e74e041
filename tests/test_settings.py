"""Settings read from environment variables: bad values stop start-up with a message naming the variable."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_list, rate_limit

ROOT = Path(__file__).resolve().parent.parent


def load_settings() -> dict:
    """Build a fresh settings namespace from the current environment, leaving the loaded one alone."""
    return runpy.run_path(str(ROOT / "config" / "settings.py"))


BOOLEANS = [("1", True), ("TRUE", True), (" yes ", True), ("off", False), ("", False)]


@pytest.mark.parametrize(("raw", "expected"), BOOLEANS)
def test_env_bool_reads_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG", not expected) is expected


def test_env_bool_rejects_anything_else_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match=r"^DEBUG must be one of .* not 'maybe'"):
        env_bool("DEBUG", False)


def test_unset_variables_fall_back_to_their_defaults(monkeypatch):
    for name in ["DEBUG", "PRIVATE_APPS_PER_ORGANISATION", "ALLOWED_HOSTS"]:
        monkeypatch.delenv(name, raising=False)
    assert env_bool("DEBUG", True) is True
    assert env_int("PRIVATE_APPS_PER_ORGANISATION", 20, minimum=1) == 20
    assert env_list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]


def test_env_int_rejects_a_word(monkeypatch):
    monkeypatch.setenv("PRIVATE_APPS_PER_ORGANISATION", "twenty")
    with pytest.raises(ImproperlyConfigured, match=r"^PRIVATE_APPS_PER_ORGANISATION must be a whole number"):
        env_int("PRIVATE_APPS_PER_ORGANISATION", 20, minimum=1)


def test_env_int_enforces_its_minimum(monkeypatch):
    monkeypatch.setenv("API_MAX_BODY_BYTES", "1023")
    with pytest.raises(ImproperlyConfigured, match=r"^API_MAX_BODY_BYTES must be at least 1024, not 1023"):
        env_int("API_MAX_BODY_BYTES", 1_048_576, minimum=1024)
    monkeypatch.setenv("API_MAX_BODY_BYTES", "1024")
    assert env_int("API_MAX_BODY_BYTES", 1_048_576, minimum=1024) == 1024


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " crm.example.com, ,www.crm.example.com ")
    assert env_list("ALLOWED_HOSTS", []) == ["crm.example.com", "www.crm.example.com"]


@pytest.mark.parametrize(("raw", "expected"), [("100/10s", (100, 10)), (" 5/1s ", (5, 1)), ("60/3600s", (60, 3600))])
def test_rate_limit_reads_requests_per_seconds(monkeypatch, raw, expected):
    monkeypatch.setenv("API_RATE_LIMIT", raw)
    assert rate_limit("API_RATE_LIMIT", "100/10s") == expected


@pytest.mark.parametrize("raw", ["100", "100/10", "100/s", "0/10s", "100/0s", "-1/10s", "ten/10s", "100/10m", ""])
def test_rate_limit_rejects_malformed_values_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("API_RATE_LIMIT", raw)
    with pytest.raises(ImproperlyConfigured, match=r"^API_RATE_LIMIT must look like '100/10s'"):
        rate_limit("API_RATE_LIMIT", "100/10s")


def test_a_database_url_becomes_a_postgres_entry():
    entry = database_from_url("DATABASE_URL", "postgres://crm%40app:p%2Fss@db.internal:6543/crm?sslmode=require")
    assert entry["ENGINE"] == "django.db.backends.postgresql"
    assert (entry["NAME"], entry["USER"], entry["PASSWORD"]) == ("crm", "crm@app", "p/ss")
    assert (entry["HOST"], entry["PORT"]) == ("db.internal", "6543")
    assert entry["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root:hunter2@db/crm", "must be a postgres:// or postgresql:// URL, not mysql://"),
        ("root:hunter2@db/crm", "must be a postgres:// or postgresql:// URL"),
        ("postgres://root:hunter2@db/", "must name a database"),
        ("postgres://root:hunter2@db:port/crm", "has an invalid port"),
    ],
)
def test_a_bad_database_url_is_refused_without_echoing_its_password(url, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        database_from_url("DATABASE_URL", url)
    assert str(caught.value).startswith("DATABASE_URL")
    assert message in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_settings_use_postgres_when_database_url_is_set(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://crm:secret@localhost/crm")
    database = load_settings()["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"]) == ("crm", "crm", "localhost")


def test_settings_default_to_sqlite_in_wal_mode(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = load_settings()["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_settings_use_redis_for_the_cache_when_redis_url_is_set(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://localhost:6379/1")
    cache = load_settings()["CACHES"]["default"]
    assert cache == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://localhost:6379/1"}


def test_production_settings_secure_the_cookies(monkeypatch):
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delenv("SECURE_COOKIES", raising=False)
    settings = load_settings()
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["API_RATE_LIMIT"] == (100, 10)


def test_secure_cookies_can_be_turned_off_for_plain_http(monkeypatch):
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("SECURE_COOKIES", "false")
    settings = load_settings()
    assert not settings["SESSION_COOKIE_SECURE"] and not settings["CSRF_COOKIE_SECURE"]


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("API_RATE_LIMIT", "lots"), ("DATABASE_URL", "x")])
def test_a_malformed_variable_stops_start_up_naming_it(name, value):
    environment = {**os.environ, name: value}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name} " in result.stderr
