"""Byline's environment variables, declared once as data.

settings.py reads them through `env()`, docs/configuration.md documents each one
(tests/test_docs.py fails when one is missing there), and nothing else in Byline
reads os.environ for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = [
    Setting(
        "BYLINE_DATA_DIR",
        "./var",
        "Folder for everything Byline writes: the SQLite database, uploaded media, "
        "collected static files and the generated secret key.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "A database URL such as postgres://user@host:5432/byline. Empty means SQLite "
        "in BYLINE_DATA_DIR/byline.sqlite3 (WAL mode).",
    ),
    Setting(
        "REDIS_URL",
        "",
        "A Redis URL such as redis://127.0.0.1:6379/0. When set, the cache and the "
        "sessions live in Redis, so several app servers share them.",
    ),
    Setting(
        "BYLINE_ROOT_DOMAIN",
        "",
        "The platform's domain, such as byline.example. When set, each blog is also "
        "served at <blog>.<domain>.",
    ),
    Setting(
        "BYLINE_SECRET_KEY",
        "",
        "Django's secret key. Empty means a key generated once and kept in "
        "BYLINE_DATA_DIR/secret_key.",
    ),
    Setting(
        "BYLINE_DEBUG",
        "false",
        "Django's debug mode. Never turn it on for a public site.",
    ),
    Setting(
        "BYLINE_ALLOWED_HOSTS",
        "",
        "Comma-separated host names the server answers to, besides localhost, "
        "127.0.0.1 and BYLINE_ROOT_DOMAIN with its subdomains.",
    ),
    Setting(
        "BYLINE_SITE_NAME",
        "Byline",
        "The platform's name, shown in page titles and in the footer (\"Blog at Byline.\").",
    ),
]

SETTINGS += [
    Setting(
        "BYLINE_COMMENT_MIN_SECONDS",
        "3",
        "A comment form sent sooner than this many seconds after the page was shown is "
        "treated as a bot's and goes to spam.",
    ),
    Setting(
        "BYLINE_COMMENT_RATE",
        "10/60",
        "At most this many comments per this many seconds, counted per IP address and per "
        "email address (COUNT/SECONDS). Shared through Redis when REDIS_URL is set.",
    ),
]

_BY_NAME = {s.name: s for s in SETTINGS}

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env(name: str) -> str:
    """Return the value of a declared setting, or its default."""
    return os.environ.get(name, _BY_NAME[name].default).strip()


def envbool(name: str) -> bool:
    """Return a declared yes/no setting, refusing words that are neither."""
    value = env(name).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envfloat(name: str) -> float:
    """Return a declared number setting, refusing anything that is not a number."""
    try:
        return float(env(name))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {env(name)!r}.") from None


def envrate(name: str) -> tuple[int, int]:
    """Return a COUNT/SECONDS setting as (count, seconds)."""
    try:
        count, seconds = (int(part) for part in env(name).split("/"))
        if count < 1 or seconds < 1:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must look like 10/60 (count/seconds), not {env(name)!r}."
        ) from None
    return count, seconds
