"""Turn WordPress's field values into Byline's, and say why when one will not fit.

Each function takes what the WXR file holds (always text) and returns the Byline value,
or raises Unfit with a sentence for the import summary.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import re
import unicodedata
import zoneinfo
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify

from byline.blogs.reserved import validate_post_slug
from byline.comments.models import Comment
from byline.posts.models import Post


class Unfit(ValueError):
    """A value Byline cannot take as it is; the message says why, for the summary."""


POST_STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.SCHEDULED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.PENDING,
    "private": Post.Status.PRIVATE,
    "trash": Post.Status.TRASH,
}
# WordPress's name for each Byline status, for the export.
WORDPRESS_STATUSES = {byline: wordpress for wordpress, byline in POST_STATUSES.items()}

COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    # Comments of a trashed post: they come back with it in WordPress; here they wait in trash.
    "post-trashed": Comment.Status.TRASH,
}
WORDPRESS_COMMENT_STATUSES = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
}

COMMENT_KINDS = {
    "": Comment.Kind.COMMENT,
    "comment": Comment.Kind.COMMENT,
    "pingback": Comment.Kind.PINGBACK,
    "trackback": Comment.Kind.TRACKBACK,
}

_WP_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
_ZERO_DATE = re.compile(r"^0000-00-00")


def wordpress_date(text: str, tz: datetime.tzinfo) -> datetime.datetime | None:
    """Return an aware datetime for a WordPress date ("2015-01-27 14:56:57") in time zone tz.

    Empty and zero dates ("0000-00-00 00:00:00", which WordPress writes for drafts) are
    None; anything else that is not a date raises Unfit.
    """
    text = (text or "").strip()
    if not text or _ZERO_DATE.match(text):
        return None
    match = _WP_DATE.match(text)
    if not match:
        raise Unfit(f"“{text[:40]}” is not a date")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise Unfit(f"“{text}” is not a date") from None
    if isinstance(tz, zoneinfo.ZoneInfo):
        # A local time that a clock change skipped or repeated: take the first reading.
        return moment.replace(tzinfo=tz, fold=0)
    return moment.replace(tzinfo=tz)


def best_date(gmt: str, local: str, rss: str, tz: datetime.tzinfo) -> datetime.datetime | None:
    """Return when something happened: the GMT date first, then the local one, then RSS's.

    Raises Unfit only when every date given is malformed; a missing date is None.
    """
    problems = []
    for text, zone in ((gmt, datetime.UTC), (local, tz)):
        try:
            found = wordpress_date(text, zone)
        except Unfit as unfit:
            problems.append(str(unfit))
            continue
        if found:
            return found
    if rss.strip():
        try:
            return parsedate_to_datetime(rss.strip()).astimezone(datetime.UTC)
        except (TypeError, ValueError, IndexError):
            problems.append(f"“{rss.strip()[:40]}” is not a date")
    if problems:
        raise Unfit("; ".join(problems))
    return None


def adapt_slug(slug: str, title: str, fallback: str) -> tuple[str, str]:
    """Return a slug Byline accepts for a WordPress slug, and why it changed ("" if it did not).

    WordPress stores non-ASCII slugs percent-encoded ("%ce%b5…") and accepts words Byline
    keeps for its own addresses ("feed", "page", "2024"); those become the nearest slug
    Byline accepts.
    """
    original = (slug or "").strip()
    decoded = unquote(original).lower()
    try:
        validate_post_slug(decoded)
        return decoded, ""
    except ValidationError as error:
        reason = _REASONS.get(error.code, error.messages[0]).format(slug=decoded)
    candidate = re.sub(r"[-_]+", "-", slugify(decoded)).strip("-")
    if not candidate or candidate.isdigit() or not _valid(candidate):
        candidate = re.sub(r"[-_]+", "-", slugify(title)).strip("-")
    if candidate.isdigit():
        candidate = f"{fallback}-{candidate}"
    if not candidate or not _valid(candidate):
        candidate = f"{fallback}-{candidate}" if candidate else fallback
    if not _valid(candidate):
        candidate = fallback
    if not original:
        return candidate[:180], "it had none"
    return candidate[:180], reason


_REASONS = {
    "invalid": "“{slug}” has characters Byline's addresses do not use",
    "reserved": "“{slug}” is one of the blog's own addresses or a date",
}


def _valid(slug: str) -> bool:
    try:
        validate_post_slug(slug)
    except ValidationError:
        return False
    return True


def wordpress_login(text: str) -> str:
    """Return a login as WordPress's importer matches it (sanitize_user, strict).

    Hand-edited exports hold creators such as ">themereviewteam": WordPress reads that as
    "themereviewteam", and so does Byline.
    """
    text = re.sub(r"<[^>]*>", "", text or "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"%[a-fA-F0-9]{2}", "", text)
    text = re.sub(r"&.+?;", "", text)
    text = re.sub(r"[^a-zA-Z0-9 _.\-@]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def tag_slug(slug: str, name: str) -> str:
    """Return a tag slug for the address /tag/<slug>/: WordPress's, decoded, unless unusable."""
    decoded = unquote(slug or "").strip().lower()
    if decoded and "/" not in decoded and decoded not in (".", ".."):
        return decoded[:200]
    return (slugify(name) or "tag")[:200]


def unique(candidate: str, taken: set[str], limit: int = 200) -> str:
    """Return candidate, or candidate-2, -3 … : the first that is not in taken."""
    if candidate not in taken:
        return candidate
    n = 2
    while f"{candidate[: limit - 8]}-{n}" in taken:
        n += 1
    return f"{candidate[: limit - 8]}-{n}"


def integer(text: str, default: int = 0) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return default


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


@functools.lru_cache(maxsize=8192)  # commenters come back: check each once
def email(text: str) -> str:
    """Return the address if it is one Byline can store, else ""."""
    text = (text or "").strip()
    if not text or len(text) > 254:
        return ""
    try:
        _email(text)
    except ValidationError:
        return ""
    return text


@functools.lru_cache(maxsize=8192)
def url(text: str, limit: int = 500) -> str:
    """Return the web address if it is one Byline can store (http or https), else ""."""
    text = (text or "").strip()
    if not text or len(text) > limit:
        return ""
    try:
        _url(text)
    except ValidationError:
        return ""
    return text


@functools.lru_cache(maxsize=8192)
def ip_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def php_int(serialized: str, key: str) -> int | None:
    """Return an integer stored under key in a PHP-serialized array, such as width or height."""
    match = re.search(
        rf's:{len(key)}:"{re.escape(key)}";(?:i:(\d+)|s:\d+:"(\d+)")', serialized or ""
    )
    if not match:
        return None
    return int(match.group(1) or match.group(2))
