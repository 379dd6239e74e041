"""Helpers for the Settings > Integration screen tests: apps, images and htmx headers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from integrations import services

HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx_from(path: str) -> dict:
    """Headers of an htmx request made from the page at `path`."""
    return {**HTMX, "HTTP_HX_CURRENT_URL": f"http://testserver{path}"}


def make_app(organisation, actor=None, name="Marketing Sync Tool", scopes=("leads:read", "leads:create"), **extra):
    return services.private_app_create(organisation=organisation, actor=actor, name=name, scopes=list(scopes), **extra)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 64), mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color=0 if mode == "1" else (200, 80, 20)[: len(mode)] if mode != "L" else 128).save(
        buffer, format=fmt, **save
    )
    return buffer.getvalue()


def upload(data: bytes, name: str = "logo.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
