"""System checks for the token keys."""

import pytest
from cryptography.fernet import Fernet
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from config.settings import DEVELOPMENT_SECRET_KEY
from integrations.checks import check_token_encryption_key, check_token_keys_for_deployment

PRODUCTION_SECRET_KEY = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"


@pytest.fixture
def production_keys(settings):
    settings.SECRET_KEY = PRODUCTION_SECRET_KEY
    settings.TOKEN_HMAC_KEY = "an-hmac-key-from-the-secret-store-0123456789"
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_the_deploy_check_is_quiet_when_every_key_is_set(production_keys):
    assert check_token_keys_for_deployment() == []


def test_it_warns_about_the_development_secret_key(production_keys):
    production_keys.SECRET_KEY = DEVELOPMENT_SECRET_KEY

    messages = check_token_keys_for_deployment()

    assert ids(messages) == ["integrations.W001"]
    assert messages[0].level == checks.WARNING
    assert "SECRET_KEY" in messages[0].msg


def test_it_warns_when_the_hmac_key_is_derived_from_the_secret_key(production_keys):
    production_keys.TOKEN_HMAC_KEY = ""

    messages = check_token_keys_for_deployment()

    assert ids(messages) == ["integrations.W002"]
    assert "TOKEN_HMAC_KEY" in messages[0].msg


def test_it_warns_when_the_encryption_key_is_derived_from_the_secret_key(production_keys):
    production_keys.TOKEN_ENCRYPTION_KEY = ""

    messages = check_token_keys_for_deployment()

    assert ids(messages) == ["integrations.W003"]
    assert "TOKEN_ENCRYPTION_KEY" in messages[0].msg


def test_the_deploy_check_runs_only_with_deploy(production_keys):
    production_keys.TOKEN_HMAC_KEY = ""

    assert "integrations.W002" not in ids(checks.run_checks(tags=[checks.Tags.security]))
    assert "integrations.W002" in ids(checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=True))


@pytest.mark.parametrize("key", ["not-a-fernet-key", "c2hvcnQ=", "x" * 44])
def test_an_invalid_encryption_key_is_an_error_naming_the_variable(production_keys, key):
    production_keys.TOKEN_ENCRYPTION_KEY = key

    messages = check_token_encryption_key()

    assert ids(messages) == ["integrations.E001"]
    assert messages[0].level == checks.ERROR
    assert "TOKEN_ENCRYPTION_KEY" in messages[0].msg


def test_a_valid_or_unset_encryption_key_is_no_error(production_keys):
    assert check_token_encryption_key() == []
    production_keys.TOKEN_ENCRYPTION_KEY = ""
    assert check_token_encryption_key() == []


def test_an_invalid_encryption_key_fails_manage_py_check_without_deploy(production_keys):
    production_keys.TOKEN_ENCRYPTION_KEY = "not-a-fernet-key"

    with pytest.raises(SystemCheckError) as error:
        call_command("check")

    assert "integrations.E001" in str(error.value)
    assert "TOKEN_ENCRYPTION_KEY" in str(error.value)
