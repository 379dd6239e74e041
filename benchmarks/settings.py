"""The product's settings plus the bare comparison views; the rate limit is lifted out of the way."""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
API_RATE_LIMIT = (1_000_000_000, 60)
BENCH_ORGANISATION_ID = int(os.environ.get("BENCH_ORGANISATION_ID", "1"))
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
