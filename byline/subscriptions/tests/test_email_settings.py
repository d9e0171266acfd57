"""Mail server, sender and site address come from the environment; bad values stop Byline."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from byline.config import smtp_from_url

PRINT = """
import json, sys, django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))
"""
NAMES = """EMAIL_BACKEND EMAIL_HOST EMAIL_PORT EMAIL_HOST_USER EMAIL_HOST_PASSWORD EMAIL_USE_TLS
EMAIL_USE_SSL EMAIL_TIMEOUT DEFAULT_FROM_EMAIL BYLINE_SITE_URL""".split()


def load_settings(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    """Load Byline's settings in a fresh process with only these Byline variables set."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("BYLINE_") and k not in ("DATABASE_URL", "REDIS_URL")}  # fmt: skip
    env.update(DJANGO_SETTINGS_MODULE="byline.settings", BYLINE_DATA_DIR=str(tmp_path / "var"))
    env.update(variables)
    return subprocess.run([sys.executable, "-c", PRINT, *NAMES], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_with_nothing_set_mail_is_written_to_the_console(tmp_path):
    result = load_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["DEFAULT_FROM_EMAIL"] == "noreply@localhost"
    assert values["BYLINE_SITE_URL"] == "http://127.0.0.1:8000"


def test_an_smtp_url_with_starttls_sets_every_mail_setting(tmp_path):
    result = load_settings(
        tmp_path,
        BYLINE_SMTP_URL="smtp://byline%40example.org:p%40ss:w@mail.example.org:587?starttls=1",
        BYLINE_ROOT_DOMAIN="byline.example",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "byline@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss:w",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30.0,
        "DEFAULT_FROM_EMAIL": "noreply@byline.example",
        "BYLINE_SITE_URL": "https://byline.example",
    }


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "ssl"),
    [
        ("smtp://mail.example.org", "mail.example.org", 25, False, False),
        ("smtps://mail.example.org", "mail.example.org", 465, False, True),
        ("smtp://127.0.0.1:2525?starttls=0&timeout=5", "127.0.0.1", 2525, False, False),
        ("smtp://[::1]:587/?starttls=yes", "::1", 587, True, False),
    ],
)
def test_smtp_urls_give_host_port_and_tls(url, host, port, tls, ssl):
    smtp = smtp_from_url(url)
    assert (smtp.host, smtp.port, smtp.use_tls, smtp.use_ssl) == (host, port, tls, ssl)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mail.example.org", "it must start with smtp:// or smtps://"),
        ("http://mail.example.org", "it must start with smtp:// or smtps://"),
        ("smtp://", "it names no host"),
        ("smtp://mail.example.org:twenty-five", "the port must be a number"),
        ("smtp://mail.example.org?tls=1", "unknown option 'tls'"),
        ("smtp://mail.example.org?starttls=maybe", "starttls must be 1 or 0"),
        ("smtps://mail.example.org?starttls=1", "starttls=1 goes with smtp:// only"),
        ("smtp://mail.example.org?timeout=0", "timeout must be a number of seconds"),
        ("smtp://mail.example.org/inbox", "it has a path"),
    ],
)
def test_a_malformed_smtp_url_is_refused_with_the_problem_named(url, problem):
    with pytest.raises(ImproperlyConfigured) as refused:
        smtp_from_url(url)
    assert str(refused.value).startswith("BYLINE_SMTP_URL must look like smtp://")
    assert problem in str(refused.value)


def test_the_refusal_never_shows_the_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        smtp_from_url("smtp://byline:hunter2@mail.example.org?tls=1")
    assert "hunter2" not in str(refused.value)
    assert "smtp://byline:…@mail.example.org?tls=1" in str(refused.value)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"BYLINE_SMTP_URL": "smtp://mail.example.org?ssl=1"}, "BYLINE_SMTP_URL must look like"),
        ({"BYLINE_FROM_EMAIL": "noreply"}, "BYLINE_FROM_EMAIL must be an email address"),
        ({"BYLINE_SITE_URL": "byline.example"}, "BYLINE_SITE_URL must be an address such as"),
    ],
)
def test_byline_stops_at_start_up_on_a_bad_mail_setting(tmp_path, variables, message):
    result = load_settings(tmp_path, **variables)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: " + message)


def test_a_sender_may_carry_a_display_name(tmp_path):
    result = load_settings(tmp_path, BYLINE_FROM_EMAIL="Riverside <noreply@riverside.example>")
    assert result.returncode == 0, result.stderr
    assert (
        json.loads(result.stdout)["DEFAULT_FROM_EMAIL"] == "Riverside <noreply@riverside.example>"
    )
