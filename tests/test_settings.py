"""Byline's settings come from the environment: each case runs in a fresh Python process.

Settings are read once, at import, so every test starts a child process with its own
environment and reads the values it prints; this process's settings are never touched.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http.request import validate_host

from tests.support import answers, need

# Prints the named settings as JSON; with --connect, also the SQLite pragmas a connection gets.
PRINT_SETTINGS = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
values = {name: getattr(settings, name) for name in sys.argv[1:] if name != "--connect"}
if "--connect" in sys.argv:
    with connection.cursor() as cursor:
        for pragma in ("journal_mode", "busy_timeout", "foreign_keys"):
            values[pragma] = cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
print(json.dumps(values, default=str))
"""


def child_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """Return this environment without Byline's settings, plus the given ones."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BYLINE_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "byline.settings"
    env["BYLINE_DATA_DIR"] = str(tmp_path / "var")
    env.update(variables)
    return env


def run_python(tmp_path: Path, code: str, *args: str, **variables: str):
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path, env=child_env(tmp_path, **variables),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def settings_with(tmp_path: Path, *names: str, **variables: str) -> dict:
    """Return the named settings as a child process with these variables sees them."""
    result = run_python(tmp_path, PRINT_SETTINGS, *names, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(tmp_path: Path, **variables: str) -> str:
    """Return the error a child process stops with when it loads settings with these variables."""
    result = run_python(tmp_path, PRINT_SETTINGS, "DEBUG", **variables)
    assert result.returncode != 0, f"settings were accepted: {result.stdout}"
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_with_nothing_set_byline_keeps_everything_in_var_under_the_working_directory(tmp_path):
    env = child_env(tmp_path)
    del env["BYLINE_DATA_DIR"]
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS, "DATA_DIR", "DATABASES", "MEDIA_ROOT"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    var = tmp_path / "var"
    assert values["DATA_DIR"] == str(var)
    assert values["DATABASES"]["default"]["NAME"] == str(var / "byline.sqlite3")
    assert values["MEDIA_ROOT"] == str(var / "media")
    assert (var / "secret_key").exists()


def test_default_database_is_sqlite_in_the_data_dir_in_wal_mode_with_a_busy_timeout(tmp_path):
    values = settings_with(tmp_path, "DATABASES", "--connect")
    database = values["DATABASES"]["default"]
    # Django's SQLite backend, with each process's writers queued (byline/platform/sqlite).
    assert database["ENGINE"] == "byline.platform.sqlite"
    assert database["NAME"] == str(tmp_path / "var" / "byline.sqlite3")
    # Each server thread keeps its connection open from request to request.
    assert database["CONN_MAX_AGE"] is None
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert "busy_timeout=5000" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # The init command really runs on every connection.
    assert values["journal_mode"] == "wal"
    assert values["busy_timeout"] == 5000
    assert values["foreign_keys"] == 1


def test_a_postgres_database_url_switches_to_postgresql(tmp_path):
    url = "postgres://writer:pw@db.internal:6543/byline_prod"
    database = settings_with(tmp_path, "DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["ENGINE"] == "byline.platform.postgresql"  # Django's, one check trusting more
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        6543,
        "byline_prod",
    )
    assert (database["USER"], database["PASSWORD"]) == ("writer", "pw")
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_database_url_for_another_database_is_refused_with_a_clear_message(tmp_path):
    error = refused(tmp_path, DATABASE_URL="mysql://byline@127.0.0.1:3306/byline")
    assert "DATABASE_URL must be a PostgreSQL URL" in error
    assert "leave it empty for SQLite" in error


@pytest.mark.parametrize(
    ("word", "debug"), [("yes", True), ("true", True), ("0", False), ("", False)]
)
def test_byline_debug_reads_yes_and_no_words(tmp_path, word, debug):
    assert settings_with(tmp_path, "DEBUG", BYLINE_DEBUG=word)["DEBUG"] is debug


def test_byline_debug_refuses_a_word_that_is_neither_yes_nor_no(tmp_path):
    error = refused(tmp_path, BYLINE_DEBUG="maybe")
    assert "BYLINE_DEBUG must be true or false, not 'maybe'" in error


def test_without_redis_the_cache_is_local_and_sessions_live_in_the_database(tmp_path):
    values = settings_with(tmp_path, "CACHES", "SESSION_ENGINE")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    # Django's database sessions, read by a written-out statement (byline/platform/sessions.py).
    assert values["SESSION_ENGINE"] == "byline.platform.sessions"


def test_redis_url_moves_the_cache_and_the_sessions_to_redis(tmp_path):
    url = "redis://cache.internal:6379/2"
    values = settings_with(tmp_path, "CACHES", "SESSION_ENGINE", REDIS_URL=url)
    # Django's RedisCache, keeping one redis-py client per process (byline/platform/redis_cache.py).
    assert values["CACHES"]["default"]["BACKEND"] == "byline.platform.redis_cache.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == url
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"


def test_two_processes_with_the_same_redis_url_share_one_cache(tmp_path):
    need("Redis", answers("127.0.0.1", 6379), "nothing answers on 127.0.0.1:6379")
    key, value = f"test-settings-{secrets.token_hex(4)}", secrets.token_hex(8)
    use_cache = "import sys, django; django.setup(); from django.core.cache import cache; "
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/15"}

    wrote = run_python(
        tmp_path, use_cache + "cache.set(sys.argv[1], sys.argv[2], 60)", key, value, **redis
    )
    assert wrote.returncode == 0, wrote.stderr
    read = run_python(
        tmp_path,
        use_cache + "print(cache.get(sys.argv[1])); cache.delete(sys.argv[1])",
        key,
        **redis,
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == value


def test_root_domain_lets_the_domain_and_its_subdomains_in(tmp_path):
    hosts = settings_with(tmp_path, "ALLOWED_HOSTS", BYLINE_ROOT_DOMAIN="Byline.Example.")[
        "ALLOWED_HOSTS"
    ]
    assert "byline.example" in hosts
    assert ".byline.example" in hosts
    for host in ("byline.example", "demo.byline.example", "localhost", "127.0.0.1"):
        assert validate_host(host, hosts), host
    assert not validate_host("byline.example.evil.test", hosts)


def test_without_root_domain_only_this_machine_and_listed_hosts_are_allowed(tmp_path):
    hosts = settings_with(
        tmp_path, "ALLOWED_HOSTS", BYLINE_ALLOWED_HOSTS="blog.example.org, .example.net"
    )["ALLOWED_HOSTS"]
    for host in ("localhost", "127.0.0.1", "blog.example.org", "www.example.net"):
        assert validate_host(host, hosts), host
    assert not validate_host("demo.byline.example", hosts)


def test_a_given_secret_key_is_used_and_no_key_file_is_written(tmp_path):
    key = "a-secret-key-given-by-the-environment-" + secrets.token_hex(8)
    assert settings_with(tmp_path, "SECRET_KEY", BYLINE_SECRET_KEY=key)["SECRET_KEY"] == key
    assert not (tmp_path / "var" / "secret_key").exists()


def test_without_a_secret_key_one_is_generated_kept_private_and_reused(tmp_path):
    first = settings_with(tmp_path, "SECRET_KEY")["SECRET_KEY"]
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(first) >= 50
    assert settings_with(tmp_path, "SECRET_KEY")["SECRET_KEY"] == first
