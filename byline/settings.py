"""Django settings for Byline, read from the environment (see byline/config.py).

With nothing set, Byline runs on SQLite in ./var and creates its secret key there.
DATABASE_URL switches to PostgreSQL and REDIS_URL moves cache and sessions to Redis;
no other settings module exists, so behaviour changes only through the environment.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from byline.config import (
    env,
    envbool,
    envchoice,
    envemail,
    envfloat,
    envint,
    envrate,
    envseconds,
    envsmtp,
    envurl,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("BYLINE_DATA_DIR")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if env("BYLINE_SECRET_KEY"):
        return env("BYLINE_SECRET_KEY")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Written once with owner-only permissions; every process of this data dir
        # (several workers, `byline demo`, tests) then signs with the same key. The key
        # goes to a private file first and is linked into place: when two processes
        # start at once, one link wins, and nobody ever reads a half-written key.
        draft = DATA_DIR / f".secret_key.{os.getpid()}"
        with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("BYLINE_DEBUG")
SITE_NAME = env("BYLINE_SITE_NAME") or "Byline"

ROOT_DOMAIN = env("BYLINE_ROOT_DOMAIN").lower().strip(".")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if ROOT_DOMAIN:
    ALLOWED_HOSTS += [ROOT_DOMAIN, "." + ROOT_DOMAIN]
ALLOWED_HOSTS += [h.strip() for h in env("BYLINE_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "byline.accounts",
    "byline.blogs",
    "byline.posts",
    "byline.comments",
    "byline.subscriptions",
    "byline.media",
    "byline.porting",
    "byline.platform",
    "byline.pagecache",
    "byline.dashboard",
    "byline.social",
    "byline.security",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so its request id and duration cover everything below (byline/platform).
    "byline.platform.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "byline.blogs.middleware.BlogSubdomainMiddleware",
    # Whether this request may read the replica (DATABASE_REPLICA_URL): before anything reads,
    # after the path is the blog's, which the page cache's rules need.
    "byline.platform.database_routing.ReplicaMiddleware",
    # Counts post views outside the page cache, so cached pages are counted too (byline/social).
    "byline.social.stats.ViewCounter",
    # Anonymous readers' pages, answered before anything below runs (byline/pagecache).
    "byline.pagecache.middleware.PageCacheMiddleware",
    # CSP and Permissions-Policy, below the page cache so the pages it stores carry them.
    "byline.security.headers.SecurityHeadersMiddleware",
    # Old WordPress links (/?p=123, /2015/01/27/slug/) of imported blogs redirect for good.
    "byline.porting.legacy.LegacyLinkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, with the user read by a written-out statement.
    "byline.platform.signed_in.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "byline.urls"
WSGI_APPLICATION = "byline.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "byline.platform.context_processors.platform",
            ],
        },
    },
]

# Databases ---------------------------------------------------------------------------

# The embedded database, without DATABASE_URL (its file is named below).
SQLITE = {
    # Django's, with each process's writers queued on a lock (byline/platform/sqlite).
    "ENGINE": "byline.platform.sqlite",
    # Each server thread keeps its connection: opening one costs the four PRAGMAs below,
    # and closing the last one checkpoints the WAL, together a millisecond or more of
    # every request (bench/README.md).
    "CONN_MAX_AGE": None,
    "OPTIONS": {
        # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on busy_timeout instead of failing with "database is
        # locked" halfway through a transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    },
    # Tests run on an in-memory database; said outright, since pytest-django recognises
    # SQLite by Django's own engine name and would otherwise name a test file after NAME.
    "TEST": {"NAME": ":memory:"},
}

if env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must be a PostgreSQL URL (postgres://…); leave it empty for SQLite."
        )
    # Django's backend, whose health check trusts a connection that answered within half a
    # second (byline/platform/postgresql): a busy thread skips a round trip a request.
    DATABASES["default"].update(ENGINE="byline.platform.postgresql", CONN_HEALTH_CHECKS=True)
else:
    DATABASES = {"default": {"NAME": DATA_DIR / "byline.sqlite3", **SQLITE}}

# A read replica (docs/deploy.md): reads that can do without the latest write go there
# (byline/platform/database_routing.py); the primary takes every write.
if env("DATABASE_REPLICA_URL"):
    if not env("DATABASE_URL"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL, its primary.")
    DATABASES["replica"] = dj_database_url.parse(env("DATABASE_REPLICA_URL"), conn_max_age=60)
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be a PostgreSQL URL (postgres://…) of a replica."
        )
    DATABASES["replica"].update(ENGINE="byline.platform.postgresql", CONN_HEALTH_CHECKS=True)
    # Tests run on one database, which the replica alias then mirrors.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["byline.platform.database_routing.PrimaryReplicaRouter"]
BYLINE_REPLICA_PIN_SECONDS = envseconds("BYLINE_REPLICA_PIN_SECONDS", at_most=3600)

# psycopg's connection pool, one per server process, instead of a connection per thread.
if envbool("BYLINE_DB_POOL"):
    if not env("DATABASE_URL"):
        raise ImproperlyConfigured("BYLINE_DB_POOL needs DATABASE_URL: SQLite has no pool.")
    for _database in DATABASES.values():
        _database["CONN_MAX_AGE"] = 0  # the pool keeps connections open, not Django
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": envint("BYLINE_DB_POOL_MAX", at_least=1, at_most=1000),
            # Seconds a request waits for a free connection before it fails. Connections are
            # checked before use (CONN_HEALTH_CHECKS), so a database restart costs no error.
            "timeout": 10,
        }

# Prepared statements: PostgreSQL parses and plans a statement once per connection, not on
# every run. psycopg prepares one after it has run 5 times on a connection, which needs
# server-side binding (Django's default binds values into the text, so nothing repeats).
# A like's statements took a third less of PostgreSQL's CPU (bench/README.md). Off behind
# PgBouncer in transaction mode before 1.21, which cannot carry prepared statements.
if env("DATABASE_URL") and envbool("BYLINE_DB_PREPARED"):
    for _database in DATABASES.values():
        _database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions ------------------------------------------------------------------

REDIS_URL = env("REDIS_URL")  # /readyz pings it (byline/platform/health.py)
if env("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, with one redis-py client per process and incr() in one round trip
            # (byline/platform/redis_cache.py).
            "BACKEND": "byline.platform.redis_cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "byline",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Django's database sessions, loaded by a written-out statement (byline/platform).
    SESSION_ENGINE = "byline.platform.sessions"

# Page cache (byline/pagecache): files in the data dir, shared by every process of this
# machine, or Redis, shared by every app server.
PAGE_CACHE_SECONDS = envseconds("BYLINE_PAGE_CACHE_SECONDS", at_most=6 * 24 * 3600)
PAGE_CACHE_LOCATION = env("REDIS_URL") or str(DATA_DIR / "pagecache")
PAGE_CACHE_KEY_PREFIX = "byline"

# Background tasks --------------------------------------------------------------------

# Queued in the database itself (SQLite or PostgreSQL), so no broker is needed; any number
# of `byline worker` processes share the queue, and each task runs once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}

# Passwords, language, time -----------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files and media --------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# The media library's limit per uploaded image (byline/dashboard/uploads.py).
BYLINE_UPLOAD_MAX_BYTES = int(envfloat("BYLINE_UPLOAD_MAX_MB") * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let WhiteNoise send "Cache-Control: max-age=315360000, immutable".
    "staticfiles": {"BACKEND": "byline.platform.staticfiles.StaticFilesStorage"},
}
# Media on an S3-compatible store, shared by every app server (docs/deploy.md). Links stay
# /media/… on the platform's own host (byline/platform/media_storage.py).
if env("BYLINE_MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "byline.platform.media_storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": env("BYLINE_MEDIA_S3_BUCKET"),
            "endpoint_url": env("BYLINE_MEDIA_S3_ENDPOINT") or None,
            "access_key": env("BYLINE_MEDIA_S3_ACCESS_KEY") or None,
            "secret_key": env("BYLINE_MEDIA_S3_SECRET_KEY") or None,
            "region_name": env("BYLINE_MEDIA_S3_REGION") or None,
            # MinIO, Ceph and most stores on one host name want bucket names in the path.
            "addressing_style": "path" if env("BYLINE_MEDIA_S3_ENDPOINT") else None,
            "file_overwrite": False,  # two uploads named photo.jpg keep two files
            "default_acl": None,  # the bucket stays private: readers get files through Byline
        },
    }

# Security headers that cost nothing --------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# HSTS goes out only on HTTPS answers; behind a TLS proxy, trust its X-Forwarded-Proto.
SECURE_HSTS_SECONDS = envseconds("BYLINE_HSTS_SECONDS", at_most=2 * 365 * 24 * 3600)
if envbool("BYLINE_BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp, byline/security/headers.py): scripts, styles, fonts
# and frames from Byline only; images also from https hosts, since a writer's post may
# show one. A page that needs an inline script gives it request.csp_nonce.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "https:", "data:"],
        # An imported post's [audio]/[video] may play from its old host, like its images.
        "media-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # One line per request (byline/platform/request_log.py), to stdout for the collector,
        # flushed every 50 ms or 256 lines rather than per line (see BufferedLines).
        "requests": {
            "class": "byline.platform.request_log.BufferedLines",
            "stream": "ext://sys.stdout",
            "formatter": "message",
        },
    },
    "loggers": {
        "byline.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# "json", "plain" or "off"; empty means JSON under `byline serve`, plain otherwise.
BYLINE_REQUEST_LOG = envchoice("BYLINE_REQUEST_LOG", ("", "json", "plain", "off"))
# /metrics answers staff users, and a Prometheus server sending this bearer token.
BYLINE_METRICS_TOKEN = env("BYLINE_METRICS_TOKEN")

# Comments -----------------------------------------------------------------------------

# A form sent sooner than this after it was shown is a bot's (people read, then type).
BYLINE_COMMENT_MIN_SECONDS = envfloat("BYLINE_COMMENT_MIN_SECONDS")
# At most this many comments per window of seconds, per IP address and per email.
BYLINE_COMMENT_RATE = envrate("BYLINE_COMMENT_RATE")
# Commenters' (and sign-ins') IP addresses are erased after this many days (security/retention.py).
BYLINE_IP_RETENTION_DAYS = envint("BYLINE_IP_RETENTION_DAYS", at_least=0, at_most=3650)

# Email --------------------------------------------------------------------------------

# Only `byline worker` sends mail (tasks the app servers queue), never a request. With no
# BYLINE_SMTP_URL, messages are written to the worker's console, so the demo needs no server.
_smtp = envsmtp("BYLINE_SMTP_URL")
EMAIL_BACKEND = _smtp.backend
EMAIL_HOST, EMAIL_PORT = _smtp.host, _smtp.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _smtp.user, _smtp.password
EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT = _smtp.use_tls, _smtp.use_ssl, _smtp.timeout
DEFAULT_FROM_EMAIL = SERVER_EMAIL = envemail(
    "BYLINE_FROM_EMAIL", f"noreply@{ROOT_DOMAIN or 'localhost'}"
)
# Links in email need the full address, and a task has no request to take it from.
BYLINE_SITE_URL = envurl(
    "BYLINE_SITE_URL", f"https://{ROOT_DOMAIN}" if ROOT_DOMAIN else "http://127.0.0.1:8000"
)

# Accounts and sign-in (django-allauth; byline/accounts) --------------------------------

from byline.accounts import signin_providers  # noqa: E402 - reads the environment only

INSTALLED_APPS += [
    "django.contrib.humanize",  # allauth's sessions page says "3 minutes ago"
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.twitter_oauth2",
    "byline.accounts.providers.wordpress_com",
    "byline.accounts.providers.mastodon",
    "allauth.mfa",
    "allauth.usersessions",
]
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id for new and changed passwords; the others still check older hashes (an
# import, an old database) and upgrade them at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "byline.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "byline.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # a Byline account's email is always verified
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True  # "if an account exists, we sent a link", always
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # and no mail to addresses nobody signed up with
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if BYLINE_SITE_URL.startswith("https:") else "http"
# Counted in the cache, so Redis (REDIS_URL) makes every app server count together.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Byline's own (byline/security/ratelimits.py): a signed-in reader's Likes and Follows.
    "like": "60/m/user",
    "follow": "30/m/user",
}
SOCIALACCOUNT_PROVIDERS = signin_providers.from_environment()
BYLINE_MASTODON_SIGN_IN = envbool("BYLINE_MASTODON_SIGN_IN")
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False  # X gives no email, and a comment needs none
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the provider vouches for the person
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts with a POST, never a stray link
SOCIALACCOUNT_STORE_TOKENS = False  # Byline never calls the provider on a reader's behalf
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = SITE_NAME
# Sessions are recorded at sign-in; tracking each request would cost a write per page.
USERSESSIONS_TRACK_ACTIVITY = False
# allauth's UserSessionsMiddleware does nothing but that tracking: while it is off, the
# middleware is left out rather than asked on every request whether to track.
if USERSESSIONS_TRACK_ACTIVITY:
    MIDDLEWARE += ["allauth.usersessions.middleware.UserSessionsMiddleware"]
# Cookies: never readable by scripts, sent on top-level arrivals from a sign-in provider
# (Lax), and only over HTTPS when the platform is served over HTTPS.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BYLINE_SITE_URL.startswith("https:")
