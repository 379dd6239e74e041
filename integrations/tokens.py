"""The access token format and its protection at rest.

A token is ``crmpa_`` + 30 random base62 characters + 6 base62 characters of the CRC32 of
the random part. The checksum lets us reject typos and garbage before touching the database.
At rest we keep an HMAC-SHA256 digest (for lookup), a Fernet ciphertext (for the Auth tab's
reveal) and the last four characters (for display); never the plaintext.
"""

import base64
import hashlib
import hmac
import secrets
import zlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

PREFIX = "crmpa_"
RANDOM_LENGTH = 30
CHECKSUM_LENGTH = 6
TOKEN_LENGTH = len(PREFIX) + RANDOM_LENGTH + CHECKSUM_LENGTH
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE62_SET = frozenset(BASE62)


def _base62(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, remainder = divmod(number, 62)
        digits.append(BASE62[remainder])
    return "".join(reversed(digits))


def _checksum(random_part: str) -> str:
    return _base62(zlib.crc32(random_part.encode("ascii")), CHECKSUM_LENGTH)


def generate() -> str:
    random_part = "".join(secrets.choice(BASE62) for _ in range(RANDOM_LENGTH))
    return PREFIX + random_part + _checksum(random_part)


def is_well_formed(raw: str) -> bool:
    """Prefix, length, alphabet and checksum; costs no database query."""
    if not isinstance(raw, str) or len(raw) != TOKEN_LENGTH or not raw.startswith(PREFIX):
        return False
    body = raw[len(PREFIX) :]
    if not _BASE62_SET.issuperset(body):
        return False
    random_part, checksum = body[:RANDOM_LENGTH], body[RANDOM_LENGTH:]
    return hmac.compare_digest(_checksum(random_part), checksum)


def _derived_key(label: str) -> bytes:
    return hashlib.sha256(f"{label}:{settings.SECRET_KEY}".encode()).digest()


def hmac_key() -> bytes:
    configured = settings.TOKEN_HMAC_KEY
    return configured.encode() if configured else _derived_key("crm-token-hmac")


def digest(raw: str) -> str:
    return hmac.new(hmac_key(), raw.encode(), hashlib.sha256).hexdigest()


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode() if isinstance(key, str) else key)


def fernet() -> Fernet:
    configured = settings.TOKEN_ENCRYPTION_KEY
    key = configured or base64.urlsafe_b64encode(_derived_key("crm-token-fernet")).decode()
    return _fernet(key)


def encrypt(raw: str) -> str:
    return fernet().encrypt(raw.encode()).decode()


def decrypt(ciphertext: str) -> str | None:
    """The plaintext, or None when the ciphertext was made under another key."""
    try:
        return fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        return None


def masked(last_four: str) -> str:
    return f"{PREFIX}••••••••{last_four}"
