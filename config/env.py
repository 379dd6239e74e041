"""Typed readers for environment variables that fail loudly, naming the variable."""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """The variable as written, or the default when it is not set at all."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list, e.g. ALLOWED_HOSTS=crm.example.com,www.crm.example.com."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(name: str, url: str) -> dict:
    """Turn postgres://user:pass@host:port/db?sslmode=… into a Django DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        # Only the scheme is echoed: the rest of the URL may hold a password.
        scheme = f"{parts.scheme}://" if parts.scheme else "a URL without a scheme"
        raise ImproperlyConfigured(f"{name} must be a postgres:// or postgresql:// URL, not {scheme}.")
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://localhost/crm.")
    options = {}
    for pair in filter(None, parts.query.split("&")):
        key, _, value = pair.partition("=")
        options[key] = unquote(value)
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port.") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def rate_limit(name: str, default: str) -> tuple[int, int]:
    """Parse '<requests>/<seconds>s', e.g. '100/10s', into (requests, seconds)."""
    raw = os.environ.get(name, default).strip()
    requests, _, window = raw.partition("/")
    try:
        count = int(requests)
        seconds = int(window.removesuffix("s"))
    except ValueError:
        count = seconds = 0
    if count < 1 or seconds < 1 or not window.endswith("s"):
        raise ImproperlyConfigured(f"{name} must look like '100/10s' (requests/seconds), not {raw!r}.")
    return count, seconds
