from crm.checks import check_rate_limit_is_shared


def test_it_warns_when_the_rate_limit_lives_in_process_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in check_rate_limit_is_shared()] == ["crm.W001"]


def test_it_is_quiet_with_a_shared_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379"}
    }
    assert check_rate_limit_is_shared() == []
