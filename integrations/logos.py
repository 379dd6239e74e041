"""Logo uploads: judge the bytes, not the name; refuse bombs before decoding; re-encode what we keep.

An upload is accepted only if Pillow recognises it as PNG or JPEG, it fits the byte cap, its
header claims no more than MAX_PIXELS, it is square and it decodes completely. What we store is
a fresh encoding at most OUTPUT_SIZE pixels wide, without the uploader's metadata.

Between the wizard's two steps a validated logo waits in PendingLogo, keyed by a random id.
"""

import io
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from crm.models import Organisation
from integrations.models import PendingLogo

MAX_BYTES = 1_048_576  # 1 MB
MAX_PIXELS = 4096 * 4096  # decoded, that is at most 64 MB of RGBA
OUTPUT_SIZE = 256
ACCEPTED_FORMATS = ("PNG", "JPEG")
PENDING_MAX_AGE = timedelta(hours=1)

MESSAGES = {
    "too_large": "The logo must be 1 MB or smaller.",
    "empty": "The logo file is empty.",
    "format": "The logo must be a JPG or PNG image.",
    "too_many_pixels": "The logo is too large in pixels: at most 4096 by 4096.",
    "not_square": "The logo must be square (the same width and height).",
    "damaged": "The logo file is damaged or incomplete.",
}


def _invalid(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params)


def logo_clean(upload: UploadedFile) -> ContentFile:
    """Validate an uploaded logo and return it re-encoded, named logo.png or logo.jpg."""
    # The size is checked before a single byte is decoded.
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _invalid("too_large")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _invalid("too_large")
    if not data:
        raise _invalid("empty")
    try:
        # formats= means only the PNG and JPEG parsers may claim the bytes: a GIF, WebP, SVG
        # or HTML file fails here whatever its name or declared content type.
        with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
            width, height = image.size
            # Pillow only read the header so far; refuse a bomb before load() inflates it.
            if width * height > MAX_PIXELS:
                raise _invalid("too_many_pixels")
            if width != height:
                raise _invalid("not_square")
            source_format = image.format
            if source_format == "JPEG":
                image.draft("RGB", (OUTPUT_SIZE, OUTPUT_SIZE))  # decode JPEGs at a reduced scale
            image.load()
            return _reencode(image, source_format)
    except Image.DecompressionBombError:
        raise _invalid("too_many_pixels") from None
    except UnidentifiedImageError:
        raise _invalid("format") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        # Truncated data, bad chunk checksums and broken Huffman tables all land here.
        raise _invalid("damaged") from None


def _reencode(image: Image.Image, source_format: str) -> ContentFile:
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if image.width > OUTPUT_SIZE:
        image = image.resize((OUTPUT_SIZE, OUTPUT_SIZE), Image.Resampling.LANCZOS)
    image.info = {}  # no EXIF, ICC profile or text chunks travel to the saved file
    buffer = io.BytesIO()
    if source_format == "JPEG" and not has_alpha:
        image.save(buffer, format="JPEG", quality=88, optimize=True)
        name = "logo.jpg"
    else:
        image.save(buffer, format="PNG", optimize=True)
        name = "logo.png"
    return ContentFile(buffer.getvalue(), name=name)


def pending_logo_store(*, organisation: Organisation, user: AbstractBaseUser, logo: ContentFile) -> str:
    """Keep a validated logo until the wizard saves; returns the random key that finds it again."""
    PendingLogo.objects.filter(created_at__lt=timezone.now() - PENDING_MAX_AGE).delete()
    key = secrets.token_urlsafe(24)
    PendingLogo.objects.create(
        key=key, organisation=organisation, created_by=user, filename=logo.name, content=logo.read()
    )
    return key


def pending_logo_load(*, organisation: Organisation, user: AbstractBaseUser, key: str) -> ContentFile | None:
    """The pending logo, only for the organisation and user who uploaded it, and only while fresh."""
    pending = PendingLogo.objects.filter(
        key=key,
        organisation=organisation,
        created_by=user,
        created_at__gte=timezone.now() - PENDING_MAX_AGE,
    ).first()
    if pending is None:
        return None
    return ContentFile(bytes(pending.content), name=pending.filename)


def pending_logo_discard(*, organisation: Organisation, user: AbstractBaseUser, key: str | None) -> None:
    """Forget a pending logo once the app that uses it is saved."""
    if key:
        PendingLogo.objects.filter(key=key, organisation=organisation, created_by=user).delete()
