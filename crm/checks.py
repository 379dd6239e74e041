"""System checks for the JSON API's deployment."""

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.caches, deploy=True)
def check_rate_limit_is_shared(app_configs=None, **kwargs) -> list[CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The API rate limit is counted in each process's memory.",
                hint="With several gunicorn workers each one allows the full API_RATE_LIMIT. "
                "Set REDIS_URL so that every worker counts against the same limit.",
                id="crm.W001",
            )
        ]
    return []
