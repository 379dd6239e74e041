"""System checks for the token keys: warn when a deployment runs on development defaults."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from config.settings import DEVELOPMENT_SECRET_KEY

DERIVED_KEY_HINT = (
    "It is derived from SECRET_KEY, so rotating SECRET_KEY would silently invalidate every token. "
    "Set it from a secret store."
)


@register(Tags.security, deploy=True)
def check_token_keys_for_deployment(app_configs=None, **kwargs) -> list[CheckMessage]:
    warnings: list[CheckMessage] = []
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        warnings.append(
            Warning(
                "SECRET_KEY is the development default.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="integrations.W001",
            )
        )
    if not settings.TOKEN_HMAC_KEY:
        warnings.append(
            Warning(
                "TOKEN_HMAC_KEY is not set.",
                hint=f"{DERIVED_KEY_HINT} For example: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
                id="integrations.W002",
            )
        )
    if not settings.TOKEN_ENCRYPTION_KEY:
        warnings.append(
            Warning(
                "TOKEN_ENCRYPTION_KEY is not set.",
                hint=f"{DERIVED_KEY_HINT} Generate one with: "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'",
                id="integrations.W003",
            )
        )
    return warnings


@register(Tags.security)
def check_token_encryption_key(app_configs=None, **kwargs) -> list[CheckMessage]:
    # Always on: a malformed key would otherwise surface as a crash on the first token issued.
    key = settings.TOKEN_ENCRYPTION_KEY
    if not key:
        return []
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return [
            Error(
                "TOKEN_ENCRYPTION_KEY is not a valid Fernet key.",
                hint="It must be 32 url-safe base64-encoded bytes. Generate one with: "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'",
                id="integrations.E001",
            )
        ]
    return []
