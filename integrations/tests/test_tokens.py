"""The token format, its checksum, and how it is protected at rest."""

import re

import pytest
from cryptography.fernet import Fernet

from integrations import tokens

TOKEN_PATTERN = re.compile(r"^crmpa_[0-9A-Za-z]{36}$")


def _other_base62(character: str) -> str:
    return "0" if character != "0" else "1"


def test_it_generates_tokens_with_the_prefix_length_and_alphabet():
    raw = tokens.generate()

    assert raw.startswith("crmpa_")
    assert len(raw) == 42
    assert TOKEN_PATTERN.match(raw)


def test_it_accepts_its_own_tokens():
    assert all(tokens.is_well_formed(tokens.generate()) for _ in range(200))


def test_it_generates_a_different_token_every_time():
    assert len({tokens.generate() for _ in range(1000)}) == 1000


def test_the_checksum_covers_the_random_part():
    raw = tokens.generate()
    random_part, checksum = raw[6:36], raw[36:]

    assert checksum == tokens._checksum(random_part)
    assert len(checksum) == 6


def test_it_rejects_a_change_to_any_single_character():
    raw = tokens.generate()
    for position in range(len(raw)):
        tampered = raw[:position] + _other_base62(raw[position]) + raw[position + 1 :]
        assert tampered != raw
        assert not tokens.is_well_formed(tampered), f"accepted a change at position {position}"


@pytest.mark.parametrize("prefix", ["crmpb_", "CRMPA_", "xxxxx_", "crmpa-"])
def test_it_rejects_a_wrong_prefix(prefix):
    raw = tokens.generate()

    assert not tokens.is_well_formed(prefix + raw[6:])


def test_it_rejects_a_wrong_length():
    raw = tokens.generate()

    assert not tokens.is_well_formed(raw[:-1])
    assert not tokens.is_well_formed(raw + "0")
    assert not tokens.is_well_formed("crmpa_")
    assert not tokens.is_well_formed("")


@pytest.mark.parametrize("character", ["-", "_", "+", "/", "=", " ", "é", "\n"])
def test_it_rejects_characters_outside_base62(character):
    raw = tokens.generate()

    assert not tokens.is_well_formed(raw[:10] + character + raw[11:])


@pytest.mark.parametrize("value", [None, 42, b"crmpa_" + b"0" * 36, ["crmpa_"], object()])
def test_it_rejects_values_that_are_not_strings(value):
    assert not tokens.is_well_formed(value)


def test_the_digest_is_stable_and_hex(settings):
    settings.TOKEN_HMAC_KEY = "one-key"
    raw = tokens.generate()

    assert tokens.digest(raw) == tokens.digest(raw)
    assert re.fullmatch(r"[0-9a-f]{64}", tokens.digest(raw))
    assert tokens.digest(raw) != tokens.digest(tokens.generate())


def test_the_digest_is_keyed(settings):
    raw = tokens.generate()
    settings.TOKEN_HMAC_KEY = "one-key"
    first = tokens.digest(raw)
    settings.TOKEN_HMAC_KEY = "another-key"

    assert tokens.digest(raw) != first


def test_the_default_digest_key_follows_the_secret_key(settings):
    settings.TOKEN_HMAC_KEY = ""
    raw = tokens.generate()
    first = tokens.digest(raw)
    settings.SECRET_KEY = "a-different-secret-key-for-this-test"

    assert tokens.digest(raw) != first


def test_encryption_round_trips(settings):
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()
    raw = tokens.generate()
    ciphertext = tokens.encrypt(raw)

    assert raw not in ciphertext
    assert tokens.decrypt(ciphertext) == raw


def test_encryption_round_trips_under_the_default_key(settings):
    settings.TOKEN_ENCRYPTION_KEY = ""
    raw = tokens.generate()

    assert tokens.decrypt(tokens.encrypt(raw)) == raw


def test_decrypting_under_another_key_gives_none(settings):
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()
    ciphertext = tokens.encrypt(tokens.generate())
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()

    assert tokens.decrypt(ciphertext) is None


def test_the_masked_form_shows_only_the_last_four():
    raw = tokens.generate()
    shown = tokens.masked(raw[-4:])

    assert shown == f"crmpa_••••••••{raw[-4:]}"
    assert raw[6:-4] not in shown
