"""The `byline` command as a person runs it: the real console script, in a child process.

Each run gets its own BYLINE_DATA_DIR and none of this environment's Byline settings, so
the demo and the server use SQLite there; one more test seeds a fresh PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.cli import translate
from byline.platform import demo as demo_platform
from byline.posts.models import Post
from tests.support import answers, free_port, need

BYLINE = Path(sys.executable).parent / "byline"
BOOT_SECONDS = 60  # generous: a loaded CI machine compresses the static files slowly
ONE_YEAR = 365 * 24 * 3600

# Prints what the demo seeded, counted through the ORM, so it reads SQLite and PostgreSQL alike.
COUNT_DEMO = """
import json
import django
django.setup()
from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.posts.models import Post
public = Post.objects.published().posts()
print(json.dumps({
    "blogs": sorted(Blog.objects.values_list("slug", flat=True)),
    "authors": User.objects.filter(posts__isnull=False).distinct().count(),
    "posts": Post.objects.posts().count(),
    "public posts": public.count(),
    "public posts without a category": public.filter(categories=None).count(),
    "public posts without a tag": public.filter(tags=None).count(),
    "pages": Post.objects.pages().published().count(),
}))
"""


def child_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """Return this environment without Byline's settings, with its own data dir (and db)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BYLINE_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "byline.settings"
    env["BYLINE_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def byline(data_dir: Path, *args: str, database_url: str | None = None):
    return subprocess.run(
        [BYLINE, *args], cwd=data_dir.parent, env=child_env(data_dir, database_url),
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def seeded(data_dir: Path, database_url: str | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", COUNT_DEMO], cwd=data_dir.parent,
        env=child_env(data_dir, database_url), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fetch(url: str) -> tuple[int, Message, bytes]:
    # The headers as received: names compare without case (granian sends them lowercase).
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Run `byline demo --no-serve` twice on one data dir; return what each run left behind."""
    data_dir = tmp_path_factory.mktemp("demo") / "var"
    first = byline(data_dir, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    key, counts = (data_dir / "secret_key").read_text(), seeded(data_dir)
    second = byline(data_dir, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    return {
        "data_dir": data_dir, "first": first, "second": second,
        "key before": key, "key after": (data_dir / "secret_key").read_text(),
        "counts": counts, "counts after": seeded(data_dir),
    }  # fmt: skip


# The command itself -------------------------------------------------------------------


def test_two_word_verbs_become_their_command_name():
    assert translate(["byline", "import", "wordpress", "site.xml"]) == [
        "byline", "import_wordpress", "site.xml",
    ]  # fmt: skip
    assert translate(["byline", "export", "wordpress"]) == ["byline", "export_wordpress"]
    assert translate(["byline", "import", "other"]) == ["byline", "import", "other"]
    assert translate(["byline", "serve", "--port", "9000"]) == ["byline", "serve", "--port", "9000"]
    assert translate(["byline"]) == ["byline"]


def test_python_m_byline_help_lists_byline_and_django_commands(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "byline", "help"], cwd=tmp_path,
        env=child_env(tmp_path / "var"), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Type 'byline help <subcommand>'" in result.stdout
    platform = result.stdout.split("[platform]")[1].split("[")[0].split()
    assert {"demo", "serve"} <= set(platform)
    assert "migrate" in result.stdout.split()


def test_byline_help_serve_shows_its_options(tmp_path):
    result = byline(tmp_path / "var", "help", "serve")
    assert result.returncode == 0, result.stderr
    for option in ("--host", "--port", "--workers", "--threads"):
        assert option in result.stdout


# byline demo ----------------------------------------------------------------------------


def test_demo_creates_a_sqlite_database_in_wal_mode(demo):
    database = demo["data_dir"] / "byline.sqlite3"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_demo_writes_a_private_secret_key_and_reuses_it(demo):
    key_file = demo["data_dir"] / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(demo["key before"].strip()) >= 50
    assert demo["key after"] == demo["key before"]


def test_demo_seeds_blogs_writers_posts_with_terms_and_pages(demo):
    counts = demo["counts"]
    assert len(counts["blogs"]) >= 3
    assert "demo" in counts["blogs"]
    assert counts["authors"] >= 3
    assert counts["public posts"] >= 30
    assert counts["public posts without a category"] == 0
    assert counts["public posts without a tag"] == 0
    assert counts["pages"] >= len(counts["blogs"])


def test_running_demo_again_leaves_the_content_as_it_is(demo):
    assert "leaving it as it is" in demo["second"].stdout
    assert demo["counts after"] == demo["counts"]


def test_demo_prints_the_address_and_how_to_sign_in(demo):
    out = demo["first"].stdout
    assert "http://127.0.0.1:8000/demo/" in out
    assert "http://127.0.0.1:8000/accounts/login/" in out
    assert "password byline-demo" in out
    for writer in ("alice", "bob", "carol", "dave"):
        assert re.search(rf"^  {writer} \(", out, re.MULTILINE), writer
    assert "`byline serve`" in out


def test_demo_writes_the_same_text_every_time(db):
    def seed_and_read() -> list[tuple[str, str, str]]:
        demo_platform.seed()
        return list(
            Post.objects.order_by("blog__slug", "title").values_list(
                "blog__slug", "title", "body_markdown"
            )
        )

    first = seed_and_read()
    Post.objects.all().delete()
    Blog.objects.all().delete()
    User.objects.all().delete()
    assert seed_and_read() == first
    bodies = [body for _, _, body in first]
    assert len(set(bodies)) > 30, "every post should read differently"


def test_demo_on_a_fresh_postgresql_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    need(
        "PostgreSQL",
        bool(url) or answers("127.0.0.1", 5432),
        "nothing answers on 127.0.0.1:5432 and DATABASE_URL is not set",
    )
    import psycopg
    from psycopg import sql

    admin = psycopg.conninfo.make_conninfo(
        url or "postgres://postgres@127.0.0.1:5432/postgres", dbname="postgres"
    )
    name = f"byline_cli_{secrets.token_hex(4)}"
    database_url = urlsplit(url or "postgres://postgres@127.0.0.1:5432/")._replace(path=f"/{name}")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        data_dir = tmp_path / "var"
        result = byline(data_dir, "demo", "--no-serve", database_url=database_url.geturl())
        assert result.returncode == 0, result.stderr
        counts = seeded(data_dir, database_url.geturl())
        assert "demo" in counts["blogs"]
        assert counts["public posts"] >= 30
        assert not (data_dir / "byline.sqlite3").exists()
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            connection.execute(drop.format(sql.Identifier(name)))


# byline serve ---------------------------------------------------------------------------


def test_serve_refuses_a_database_that_is_not_migrated(tmp_path):
    result = byline(tmp_path / "var", "serve", "--port", str(free_port()))
    assert result.returncode != 0
    assert "The database is not up to date: run `byline migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def server(demo, tmp_path):
    """Start `byline serve` with two workers on the demo's data dir; yield (base URL, process)."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [BYLINE, "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
            cwd=tmp_path, env=child_env(demo["data_dir"]),
            stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + BOOT_SECONDS
        while not answers("127.0.0.1", port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"byline serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()  # the master stops its workers; SIGKILL would orphan them
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_serve_answers_the_platform_home(server):
    base, _ = server
    status, headers, body = fetch(f"{base}/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("a", href="/demo/")


def test_serve_sends_the_stylesheet_under_a_hashed_name_cached_for_a_year(server):
    base, _ = server
    _, _, body = fetch(f"{base}/")
    hrefs = [
        link["href"]
        for link in BeautifulSoup(body, "html.parser").find_all("link", rel="stylesheet")
    ]
    css = [h for h in hrefs if re.fullmatch(r"/static/byline/byline\.[0-9a-f]{12}\.css", h)]
    assert css, f"no hashed byline.css among the stylesheets: {hrefs}"

    status, headers, body = fetch(f"{base}{css[0]}")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert body
    max_age = re.search(r"max-age=(\d+)", headers.get("Cache-Control", ""))
    assert max_age, headers.get("Cache-Control")
    assert int(max_age.group(1)) >= ONE_YEAR


def test_serve_stops_cleanly_on_sigterm(server):
    base, process = server
    assert fetch(f"{base}/")[0] == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not answers("127.0.0.1", urlsplit(base).port)
