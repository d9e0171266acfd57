"""Smaller copies of uploaded images, made by `byline worker`, and the `srcset` that uses them.

Renditions are made in the background (an upload answers at once), then every post of the
blog that shows the image is rendered again, so its stored HTML gains the `srcset`: the
reader's browser picks the smallest copy that fills the column.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks import task
from PIL import Image, ImageOps

WIDTHS = (320, 640, 1024, 1600)
# The reading column is 42rem wide at most (byline.css --measure).
SIZES = "(min-width: 44rem) 42rem, 100vw"
SAVE_OPTIONS = {"JPEG": {"quality": 82, "optimize": True, "progressive": True},
                "PNG": {"optimize": True}, "WEBP": {"quality": 80}, "GIF": {}}  # fmt: skip


def _encoded(image: Image.Image, fmt: str) -> bytes:
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **SAVE_OPTIONS.get(fmt, {}))
    return buffer.getvalue()


@task()
def make_renditions(media_id: int) -> int:
    """Make the missing renditions of an uploaded image; return how many were made."""
    from byline.dashboard.models import Rendition
    from byline.media.models import MediaItem

    item = MediaItem.objects.filter(pk=media_id).select_related("blog").first()
    if item is None or not item.file or not item.is_image:
        return 0
    have = set(item.renditions.values_list("width", flat=True))
    path = PurePosixPath(item.file.name)
    made = 0
    with item.file.open("rb") as stream, Image.open(stream) as original:
        fmt = original.format
        if getattr(original, "is_animated", False):
            return 0  # an animation keeps its frames only in the original
        upright = ImageOps.exif_transpose(original)
        for width in WIDTHS:
            if width >= upright.width:
                break
            if width in have:
                continue
            height = max(1, round(upright.height * width / upright.width))
            smaller = upright.resize((width, height), Image.Resampling.LANCZOS)
            name = default_storage.save(
                str(path.with_name(f"{path.stem}-{width}w{path.suffix}")),
                ContentFile(_encoded(smaller, fmt)),
            )
            Rendition.objects.create(media=item, width=width, height=height, file=name)
            made += 1
    if made:
        _render_posts_showing(item)
    return made


def _render_posts_showing(item) -> None:
    from byline.posts.models import Post

    for post in Post.objects.filter(blog=item.blog, body_markdown__contains=item.file.url):
        post.blog = item.blog
        post.save(update_fields=["body_markdown", "body_html", "search_text", "summary"],
                  touch=False)  # fmt: skip


_IMG = re.compile(r"<img\b([^>]*)>")
_SRC = re.compile(r'\bsrc="([^"]+)"')


def responsive_images(body_html: str, blog_id: int) -> str:
    """Return body_html with srcset, sizes and dimensions on each image of the blog's media."""
    if "<img" not in body_html or settings.MEDIA_URL not in body_html:
        return body_html
    from byline.media.models import MediaItem

    names = {}
    for attributes in _IMG.findall(body_html):
        found = _SRC.search(attributes)
        if found and "srcset=" not in attributes:
            src = html.unescape(found.group(1))
            if src.startswith(settings.MEDIA_URL):
                names[unquote(src.removeprefix(settings.MEDIA_URL))] = src
    if not names:
        return body_html
    items = {
        item.file.name: item
        for item in MediaItem.objects.filter(blog_id=blog_id, file__in=names).prefetch_related(
            "renditions"
        )
    }

    def with_srcset(match: re.Match) -> str:
        attributes = match.group(1)
        found = _SRC.search(attributes)
        name = (
            unquote(html.unescape(found.group(1)).removeprefix(settings.MEDIA_URL)) if found else ""
        )
        item = items.get(name)
        if item is None or "srcset=" in attributes:
            return match.group(0)
        extra = ""
        renditions = list(item.renditions.all())
        if renditions and item.width:
            candidates = [f"{r.file.url} {r.width}w" for r in renditions]
            candidates.append(f"{item.url} {item.width}w")
            extra += f' srcset="{html.escape(", ".join(candidates))}" sizes="{SIZES}"'
        if item.width and item.height and "width=" not in attributes:
            extra += f' width="{item.width}" height="{item.height}"'
        if "loading=" not in attributes:
            extra += ' loading="lazy"'
        return f"<img{attributes}{extra}>"

    return _IMG.sub(with_srcset, body_html)


def markdown_for(item) -> str:
    """Return the Markdown that shows the image in a post: ![alt text](address)."""
    alt = " ".join((item.alt_text or "").split()).replace("\\", "\\\\")
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    return f"![{alt}]({item.url.replace(' ', '%20').replace(')', '%29')})"


def thumbnail_url(item) -> str:
    """Return the smallest copy of the image, for lists (the original if none is made yet)."""
    return item.smallest_url
