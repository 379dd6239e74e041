"""The phone and currency validators shared by the CRM modules."""

import pytest
from django.core.exceptions import ValidationError

from crm.currencies import ISO_4217_CODES
from crm.validators import validate_currency, validate_phone


@pytest.mark.parametrize("phone", ["+65 6123 4567", "(555) 010-9999", "+44 20 7946 0011", "030.901820", "123456"])
def test_it_accepts_phone_numbers_as_people_write_them(phone):
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone",
    ["", "+", "12345", "1234567890123456", "call me", "555-0199 ext 2", "-5556667777", "++65 6123 4567"],
)
def test_it_rejects_what_is_not_a_phone_number(phone):
    with pytest.raises(ValidationError) as caught:
        validate_phone(phone)
    assert caught.value.code == "invalid_phone"


@pytest.mark.parametrize("code", ["USD", "EUR", "SGD", "JPY", "GBP"])
def test_it_accepts_iso_4217_codes(code):
    validate_currency(code)


@pytest.mark.parametrize("code", ["usd", "US", "USDD", "XXX", "", " USD"])
def test_it_rejects_anything_but_an_iso_4217_code_in_capitals(code):
    with pytest.raises(ValidationError) as caught:
        validate_currency(code)
    assert caught.value.code == "invalid_currency"


def test_the_currency_list_holds_only_three_capital_letters():
    assert len(ISO_4217_CODES) > 150
    assert all(len(code) == 3 and code.isalpha() and code.isupper() for code in ISO_4217_CODES)
