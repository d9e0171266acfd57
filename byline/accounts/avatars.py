"""Readers' own pictures: checked by what the file is, not by its name, and re-drawn.

An upload is opened with Pillow, must really be a PNG, JPEG, GIF or WebP image of sane
size, and is stored as a fresh 256×256 PNG: whatever else the file carried (metadata,
trailing bytes, a script pretending to be a picture) is left behind.
"""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image, ImageOps, UnidentifiedImageError

from byline.comments.avatars import avatar_url as identicon_url

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 6000×6000 photo fits; a decompression bomb does not
FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
SIZE = 256


def redraw(upload) -> ContentFile:
    """Return the upload as a square PNG, or raise ValidationError saying what is wrong."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"That picture is {upload.size / 1024 / 1024:.1f} MB; the limit is 5 MB. "
            "A smaller copy of it will do: it is shown at 256×256 pixels at most."
        )
    try:
        with Image.open(upload) as probe:
            kind, (width, height) = probe.format, probe.size
            if kind not in FORMATS:
                raise ValidationError(
                    "Upload a PNG, JPEG, GIF or WebP picture; that file is "
                    f"{kind or 'something else'}."
                )
            if width * height > MAX_PIXELS:
                raise ValidationError("That picture is too large in pixels; use a smaller copy.")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            square = ImageOps.fit(ImageOps.exif_transpose(image).convert("RGBA"), (SIZE, SIZE))
    except Image.DecompressionBombError:  # Pillow's own limit, met before the check above
        raise ValidationError("That picture is too large in pixels; use a smaller copy.") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            "That file is not a picture Byline can read. Upload a PNG, JPEG, GIF or WebP image."
        ) from None
    out = io.BytesIO()
    square.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.png")


def picture_url(user, *, gravatar: bool = False) -> str:
    """Return the address of a user's picture: their upload, else the pattern of their email."""
    if user.avatar:
        name = user.avatar.name.rsplit("/", 1)[-1].removesuffix(".png")
        return reverse("accounts:avatar", kwargs={"username": user.username, "name": name})
    return identicon_url(user.email or f"user-{user.pk}", gravatar=gravatar and bool(user.email))
