"""Fixtures for the crm tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default PBKDF2 takes about a second per user here; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
