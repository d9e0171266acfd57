"""Words that cannot be blog slugs, usernames or post slugs, and the checks that say so.

A blog lives at /<slug>/, so a blog called "admin" or "static" would hide a part of the
platform; a post or page slug such as "feed" or "page" would hide one of the blog's
own URLs. The error message names the word and suggests another, so the writer can
fix it at once.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# First path segments the platform itself uses, now or in a planned issue.
PLATFORM_WORDS = frozenset(
    """
    about accounts account admin api app apps assets auth avatar blog blogs byline comments
    dashboard discover docs explore favicon.ico feed feeds fragments help healthz home login
    logout media metrics new notifications oauth openid people profile profiles read
    reader readyz register robots.txt root search settings signin signout signup
    sitemap.xml sitemap static status support tag tags user users well-known www
    wp-admin wp-content wp-includes wp-json wp-login.php xmlrpc.php
    """.split()
)

# Path segments a blog uses below /<blog>/ for its archives, feeds and pagination, and
# the platform paths that stay the platform's on a blog's own subdomain (middleware.py's
# PASSTHROUGH_PREFIXES): a page called "admin" would be unreachable at <blog>.<domain>/admin/.
BLOG_PATH_WORDS = frozenset(
    """
    page feed category tag author comments comment-page trackback embed attachment
    search sitemap.xml robots.txt wp-admin wp-json
    admin accounts api static media read notifications fragments
    """.split()
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _suggest(word: str) -> str:
    return f"{word}-blog" if not word.endswith("-blog") else f"my-{word}"


def validate_blog_slug(value: str) -> None:
    """Refuse a blog slug that is malformed or taken by the platform."""
    # Reserved first: "sitemap.xml" is malformed too, but naming the word says more.
    if value in PLATFORM_WORDS:
        raise ValidationError(
            f"“{value}” is reserved by Byline; try “{_suggest(value)}” instead.",
            code="reserved",
        )
    if not SLUG_RE.match(value or ""):
        raise ValidationError(
            "Use lowercase letters, digits and single hyphens, such as “my-travels”.",
            code="invalid",
        )
    if len(value) < 3:
        raise ValidationError("A blog address needs at least 3 characters.", code="short")


def validate_username(value: str) -> None:
    """Refuse a username that would read as the platform speaking."""
    if (value or "").lower() in PLATFORM_WORDS:
        raise ValidationError(
            f"“{value}” is reserved by Byline; try “{value}-writes” instead.",
            code="reserved",
        )


def validate_post_slug(value: str) -> None:
    """Refuse a post or page slug that would hide one of the blog's own URLs."""
    if value in BLOG_PATH_WORDS:
        raise ValidationError(
            f"“{value}” is used by the blog's own addresses; try “{value}-1” instead.",
            code="reserved",
        )
    if not SLUG_RE.match(value or ""):
        raise ValidationError(
            "Use lowercase letters, digits and single hyphens, such as “first-light”.",
            code="invalid",
        )
    if value.isdigit():
        # /<blog>/2024/ is the year archive, so a page called "2024" could never be reached.
        raise ValidationError(
            f"A slug of digits only clashes with the date archives; try “n{value}”.",
            code="reserved",
        )
