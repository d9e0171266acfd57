"""Byline's environment variables, declared once as data.

settings.py reads them through `env()`, docs/configuration.md documents each one
(tests/test_docs.py fails when one is missing there), and nothing else in Byline
reads os.environ for configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email


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
        'The platform\'s name, shown in page titles and in the footer ("Blog at Byline.").',
    ),
]

SETTINGS += [
    Setting(
        "BYLINE_COMMENT_MIN_SECONDS",
        "3",
        "A guest's comment form sent sooner than this many seconds after the page was shown "
        "is treated as a bot's and goes to spam.",
    ),
    Setting(
        "BYLINE_COMMENT_RATE",
        "10/60",
        "At most this many comments per this many seconds, counted per IP address and per "
        "email address (COUNT/SECONDS). Shared through Redis when REDIS_URL is set.",
    ),
]

SETTINGS += [
    Setting(
        "BYLINE_SMTP_URL",
        "",
        "The mail server for Byline's email, as smtp://user:password@host:587?starttls=1 "
        "(or smtps://… for TLS from the start). Empty means email is written to the "
        "worker's console instead of being sent.",
    ),
    Setting(
        "BYLINE_FROM_EMAIL",
        "",
        "The sender address of Byline's email, such as noreply@byline.example; each blog's "
        "mail shows the blog's name with it. Empty means noreply@BYLINE_ROOT_DOMAIN "
        "(noreply@localhost without one).",
    ),
    Setting(
        "BYLINE_SITE_URL",
        "",
        "The platform's public address, such as https://byline.example, for the links in "
        "email. Empty means https://BYLINE_ROOT_DOMAIN, or http://127.0.0.1:8000 without one.",
    ),
]

# Sign-in with outside accounts (byline/accounts/signin_providers.py): each provider's icon
# appears only when both of its values are set.
SETTINGS += [
    Setting(
        f"BYLINE_{provider}_{part}",
        "",
        f"The {label} app's {'client ID' if part == 'CLIENT_ID' else 'client secret'} for "
        f"“Log in with {label}”. Set both BYLINE_{provider}_CLIENT_ID and "
        f"BYLINE_{provider}_SECRET to show the {label} icon.",
    )
    for provider, label in (("GITHUB", "GitHub"), ("GOOGLE", "Google"),
                            ("FACEBOOK", "Facebook"), ("X", "X (Twitter)"),
                            ("WORDPRESS", "WordPress.com"))
    for part in ("CLIENT_ID", "SECRET")
] + [
    Setting(
        "BYLINE_MASTODON_SIGN_IN",
        "false",
        "Offer “Log in with Mastodon” for an account on any Mastodon server: Byline registers "
        "itself with a reader's server the first time one signs in from there.",
    ),
    Setting(
        "BYLINE_OIDC_PROVIDERS",
        "",
        "OpenID Connect providers readers may log in with, as a JSON list of objects with "
        "id, name, server_url, client_id and secret. Empty means none.",
    ),
]  # fmt: skip

SETTINGS += [
    Setting(
        "BYLINE_PAGE_CACHE_SECONDS",
        "86400",
        "How long a page drawn for anonymous readers may be served from the page cache at "
        "most, in seconds; 0 turns the page cache off. A change made through Byline (a "
        "comment, an edit, a setting) reaches readers at once whatever this says.",
    ),
]

SETTINGS += [
    Setting(
        "BYLINE_UPLOAD_MAX_MB",
        "10",
        "The largest image a writer may upload to a blog's media library, in megabytes "
        "(fractions allowed). Larger files are refused with a message that gives the limit.",
    ),
]

# Many machines (issue #9; docs/deploy.md).
SETTINGS += [
    Setting(
        "BYLINE_REQUEST_LOG",
        "",
        "How each request is logged, one line on standard output: json (an object with the "
        "request id, method, path, route, status, duration and blog), plain (a short line "
        "for people) or off. Empty means json under `byline serve` and plain otherwise.",
    ),
    Setting(
        "BYLINE_METRICS_TOKEN",
        "",
        "A secret that lets a Prometheus server read /metrics with the header "
        '"Authorization: Bearer <token>". Staff users may read /metrics signed in; '
        "everyone else gets 404. Empty means staff users only.",
    ),
    Setting(
        "DATABASE_REPLICA_URL",
        "",
        "A PostgreSQL read replica of DATABASE_URL, such as postgres://user@replica:5432/byline. "
        "When set, reads go to it, except a visitor's requests for BYLINE_REPLICA_PIN_SECONDS "
        "after they changed something, and everything inside a transaction.",
    ),
    Setting(
        "BYLINE_REPLICA_PIN_SECONDS",
        "10",
        "After a visitor sends a form (any POST), their reads go to the primary database for "
        "this many seconds, so they see their own change even when the replica lags behind.",
    ),
    Setting(
        "BYLINE_DB_POOL",
        "false",
        "Keep a pool of open PostgreSQL connections in each server process (psycopg's pool), "
        "instead of one connection per thread. Leave it off behind PgBouncer.",
    ),
    Setting(
        "BYLINE_DB_POOL_MAX",
        "10",
        "The most connections one server process's pool opens, when BYLINE_DB_POOL is on. "
        "Keep workers × this below PostgreSQL's max_connections, across every app server.",
    ),
    Setting(
        "BYLINE_DB_PREPARED",
        "true",
        "Have PostgreSQL parse and plan each statement Byline repeats once per connection "
        "(psycopg's prepared statements, with server-side binding). Turn it off behind "
        "PgBouncer in transaction mode older than 1.21.",
    ),
    Setting(
        "BYLINE_MEDIA_S3_BUCKET",
        "",
        "Keep uploaded media in this bucket of an S3-compatible store instead of "
        "BYLINE_DATA_DIR/media, so every app server sees every upload. Empty means local disk.",
    ),
    Setting(
        "BYLINE_MEDIA_S3_ENDPOINT",
        "",
        "The S3-compatible store's address, such as https://s3.eu-west-1.amazonaws.com or "
        "http://minio.internal:9000. Empty means Amazon S3 for BYLINE_MEDIA_S3_REGION.",
    ),
    Setting(
        "BYLINE_MEDIA_S3_ACCESS_KEY",
        "",
        "The access key id for the media bucket. Empty means boto3's own lookup (an "
        "instance role, ~/.aws).",
    ),
    Setting(
        "BYLINE_MEDIA_S3_SECRET_KEY",
        "",
        "The secret access key that goes with BYLINE_MEDIA_S3_ACCESS_KEY.",
    ),
    Setting(
        "BYLINE_MEDIA_S3_REGION",
        "",
        "The media bucket's region, such as eu-west-1. Empty means the store's default.",
    ),
]

# Hostile users (issue #10; SECURITY.md).
SETTINGS += [
    Setting(
        "BYLINE_HSTS_SECONDS",
        "31536000",
        "How long browsers must reach the platform over HTTPS only (Strict-Transport-Security), "
        "in seconds; sent only on answers served over HTTPS. 0 sends no such header.",
    ),
    Setting(
        "BYLINE_BEHIND_HTTPS_PROXY",
        "false",
        "Byline runs behind a proxy that ends TLS and sets X-Forwarded-Proto: trust that "
        "header to tell HTTPS requests (for HSTS and secure redirects). Never turn it on "
        "when clients can reach Byline directly.",
    ),
    Setting(
        "BYLINE_IP_RETENTION_DAYS",
        "30",
        "How many days visitors' IP addresses (commenters', and any other stored) are kept; "
        "`byline worker` erases older ones. 0 erases them at the next run of the worker's clock.",
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


def envchoice(name: str, choices: tuple[str, ...]) -> str:
    """Return a declared setting that must be one of a few words (lower-cased)."""
    value = env(name).lower()
    if value not in choices:
        shown = ", ".join(c for c in choices if c)
        raise ImproperlyConfigured(f"{name} must be one of {shown} (or empty), not {value!r}.")
    return value


def envfloat(name: str) -> float:
    """Return a declared number setting, refusing anything that is not a number."""
    try:
        return float(env(name))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {env(name)!r}.") from None


def envint(name: str, at_least: int, at_most: int) -> int:
    """Return a declared whole number setting, from at_least to at_most."""
    value = env(name)
    if not value.isdigit() or not at_least <= int(value) <= at_most:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {at_least} to {at_most}, not {value!r}."
        )
    return int(value)


def envseconds(name: str, at_most: int) -> int:
    """Return a declared whole number of seconds, from 0 to at_most."""
    value = env(name)
    if not value.isdigit() or int(value) > at_most:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of seconds from 0 to {at_most}, not {value!r}."
        )
    return int(value)


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


@dataclass(frozen=True)
class SMTP:
    """Django's EMAIL_* settings, as one SMTP URL gives them."""

    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    timeout: float = 30.0


SMTP_SCHEMES = {"smtp": 25, "smtps": 465}


def smtp_from_url(url: str, name: str = "BYLINE_SMTP_URL") -> SMTP:
    """Return the mail settings an smtp:// or smtps:// URL names; empty means the console.

    >>> smtp_from_url("smtp://me:p%40ss@mail.example:587?starttls=1").password
    'p@ss'
    """
    if not url:
        return SMTP(backend="django.core.mail.backends.console.EmailBackend")
    parts = urlsplit(url)

    def refuse(problem: str):
        # The password never appears in the message: it ends up in logs.
        shown = url.replace(f":{parts.password}@", ":…@") if parts.password else url
        return ImproperlyConfigured(
            f"{name} must look like smtp://user:password@host:587?starttls=1 or "
            f"smtps://user:password@host:465, not {shown!r}: {problem}"
        )

    if parts.scheme not in SMTP_SCHEMES:
        raise refuse("it must start with smtp:// or smtps://.")
    if not parts.hostname:
        raise refuse("it names no host.")
    if parts.path not in ("", "/"):
        raise refuse("it has a path, which a mail server address does not take.")
    try:
        port = parts.port
    except ValueError:
        raise refuse("the port must be a number from 1 to 65535.") from None
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = set(options) - {"starttls", "timeout"}
    if unknown:
        raise refuse(f"unknown option {sorted(unknown)[0]!r} (known: starttls, timeout).")
    starttls = options.get("starttls", "").lower()
    if starttls not in TRUE_WORDS | FALSE_WORDS:
        raise refuse("starttls must be 1 or 0.")
    starttls = starttls in TRUE_WORDS
    if starttls and parts.scheme == "smtps":
        raise refuse("smtps:// is TLS from the start; starttls=1 goes with smtp:// only.")
    try:
        timeout = float(options.get("timeout", "30"))
        if timeout <= 0:
            raise ValueError
    except ValueError:
        raise refuse("timeout must be a number of seconds above 0.") from None
    return SMTP(
        backend="django.core.mail.backends.smtp.EmailBackend",
        host=parts.hostname,
        port=port or SMTP_SCHEMES[parts.scheme],
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=starttls,
        use_ssl=parts.scheme == "smtps",
        timeout=timeout,
    )


def envsmtp(name: str) -> SMTP:
    """Return the mail settings of a declared SMTP URL setting."""
    return smtp_from_url(env(name), name)


def envemail(name: str, fallback: str) -> str:
    """Return a declared email address setting (or fallback when empty), refusing a bad one.

    A display name is allowed: `Byline <noreply@byline.example>`.
    """
    value = env(name) or fallback
    _display, address = parseaddr(value)
    try:
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} must be an email address such as noreply@byline.example, not {value!r}."
        ) from None
    return value


def envurl(name: str, fallback: str) -> str:
    """Return a declared http(s) address setting without its trailing slash (or fallback)."""
    value = env(name) or fallback
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ImproperlyConfigured(
            f"{name} must be an address such as https://byline.example, not {value!r}."
        )
    return value.rstrip("/")
