"""A fixed-window request counter per token in the Django cache, with IETF RateLimit headers."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

POLICY_NAME = "default"


@dataclass(frozen=True)
class RateLimitState:
    limit: int
    window: int
    remaining: int
    reset: int  # seconds until the window ends
    exceeded: bool

    def headers(self) -> dict[str, str]:
        # draft-ietf-httpapi-ratelimit-headers: structured fields naming one policy.
        return {
            "RateLimit-Policy": f'"{POLICY_NAME}";q={self.limit};w={self.window}',
            "RateLimit": f'"{POLICY_NAME}";r={self.remaining};t={self.reset}',
        }


def rate_limit_hit(*, token_id: int) -> RateLimitState:
    """Count one request for the token in the current window."""
    limit, window = settings.API_RATE_LIMIT
    now = time.time()
    window_number = int(now // window)
    key = f"api-rate:{token_id}:{window_number}"
    # incr() is atomic in Redis and under the local-memory cache's lock. Only the window's
    # first request pays for add(), which never overwrites, so racing first requests cannot
    # reset the count.
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first request
        count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
    reset = max(1, int((window_number + 1) * window - now + 0.999))
    return RateLimitState(
        limit=limit, window=window, remaining=max(0, limit - count), reset=reset, exceeded=count > limit
    )
