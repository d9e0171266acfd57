"""What the media library accepts: JPEG, PNG, GIF and WebP images, judged by their content.

The name a file arrives with says nothing (a script renamed photo.jpg is still a script),
so Pillow reads the first bytes and decides. SVG is refused outright: it is XML that can
carry scripts. An image whose header claims more pixels than MAX_PIXELS is refused before
anything is decoded, so a small "decompression bomb" cannot take the server's memory.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"),
           "GIF": ("image/gif", "gif"), "WEBP": ("image/webp", "webp")}  # fmt: skip
MAX_PIXELS = 40_000_000
ACCEPTED = "JPEG, PNG, GIF or WebP"


@dataclass(frozen=True)
class CheckedImage:
    mime_type: str
    width: int
    height: int
    name: str  # a safe file name, with the extension of what the file really is


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def check_image(upload) -> CheckedImage:
    """Return what the uploaded file is, or raise ValidationError saying why it is refused."""
    name = PurePosixPath(upload.name or "image").name
    limit = settings.BYLINE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"“{name}” is {_megabytes(upload.size)}; the limit is {_megabytes(limit)}. "
            "Make the image smaller and upload it again.", code="too_big")  # fmt: skip
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if _looks_like_svg(head):
        raise ValidationError(
            f"“{name}” is an SVG image, which is not accepted: SVG files can carry scripts. "
            f"Export it as PNG and upload that.", code="svg")  # fmt: skip
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(name, width, height)
                image.verify()  # reads the whole file: a truncated or broken one fails here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels(name, None, None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            f"“{name}” is not an image this library takes, whatever its name says: "
            f"upload a {ACCEPTED} file.", code="not_image") from None  # fmt: skip
    finally:
        upload.seek(0)
    if found not in FORMATS:
        raise ValidationError(
            f"“{name}” is a {found} image; upload a {ACCEPTED} image instead.", code="format"
        )
    mime_type, extension = FORMATS[found]
    stem = slugify(PurePosixPath(name).stem)[:80] or "image"
    return CheckedImage(mime_type, width, height, f"{stem}.{extension}")


def _too_many_pixels(name: str, width: int | None, height: int | None) -> ValidationError:
    size = f" ({width} × {height} pixels)" if width else ""
    return ValidationError(
        f"“{name}” is too large an image{size}: at most {MAX_PIXELS // 1_000_000} million "
        "pixels are accepted.", code="pixels")  # fmt: skip


def store(blog, user, upload, checked: CheckedImage, alt_text: str = ""):
    """Keep a checked upload in the blog's library under its safe name; queue its renditions."""
    from django.utils import timezone

    from byline.dashboard.renditions import make_renditions
    from byline.media.models import MediaItem

    upload.name = checked.name
    item = MediaItem(
        blog=blog, file=upload, title=checked.name.rsplit(".", 1)[0].replace("-", " "),
        alt_text=alt_text, mime_type=checked.mime_type, width=checked.width,
        height=checked.height, size=upload.size, uploaded_at=timezone.now(), uploaded_by=user,
    )  # fmt: skip
    item.save()  # through default_storage: the files go wherever MEDIA storage points (S3)
    make_renditions.enqueue(item.pk)
    return item
