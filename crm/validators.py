"""Field validators shared by the CRM modules."""

import re

from django.core.exceptions import ValidationError

from crm.currencies import ISO_4217_CODES

# A digit or an opening bracket first, so "(555) 010-9999" passes but "-5" or "+" alone do not.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9(][0-9 ()\-.]*$")


def validate_phone(value: str) -> None:
    """Accept international numbers such as '+65 6123 4567' or '(555) 010-9999'."""
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not 6 <= digits <= 15:
        raise ValidationError(
            "Enter a valid phone number: 6 to 15 digits, optionally starting with +.",
            code="invalid_phone",
        )


def validate_currency(value: str) -> None:
    """Accept a three-letter ISO 4217 code in capitals; 'usd' is refused rather than guessed at."""
    if value not in ISO_4217_CODES:
        raise ValidationError(
            "Enter an ISO 4217 currency code in capitals, such as USD, EUR or SGD.",
            code="invalid_currency",
        )
