"""Settings of the loopback OpenID Connect provider (see __init__.py)."""

import os
from pathlib import Path

DATA = Path(os.environ["OIDC_PROVIDER_DATA"])
ISSUER = os.environ.get("OIDC_PROVIDER_ISSUER", "")

SECRET_KEY = "loopback-oidc-provider-for-tests-only"  # noqa: S105 - never leaves the test run
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [Path(__file__).parent / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]  # fmt: skip
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA / "idp.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
# Browsers share cookies between ports of one host: Byline uses the default names.
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
LOGIN_URL = "/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a test user only

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": (DATA / "rs256.pem").read_text() if (DATA / "rs256.pem").exists()
    else "",
    "OIDC_ISS_ENDPOINT": ISSUER,
    # WordPress.com-shaped clients (wordpress_com.py) sign in as WordPress.com does: no PKCE.
    "PKCE_REQUIRED": lambda client_id: not client_id.startswith("wpcom-"),
    "SCOPES": {"openid": "OpenID Connect", "profile": "Your name", "email": "Your email",
               "auth": "Your WordPress.com profile", "read:accounts": "Your Mastodon profile"},
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.claims.ClaimsValidator",
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
}  # fmt: skip
