"""The read replica's router, shown by a real server on a primary and a "replica" database.

The replica is a copy of the primary that the test keeps in sync by hand (a PostgreSQL
template copy, then nothing): whatever differs between the two shows which database a page
was read from. A marker written only in the replica shows that anonymous pages read it;
a comment written through the server, only in the primary, shows that its writer reads
the primary right after, while a reader who wrote nothing still reads the replica.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from contextlib import contextmanager

import pytest

from tests.multi.cluster import Cluster, comment_fields, request, wait_until_ready
from tests.servers import fresh_postgres_database, server_env
from tests.support import answers, need

SETUP = """
import datetime, json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.comments.models import DiscussionSettings
from byline.posts.models import Post

writer = User.objects.create_user("rita", "rita@example.test")
blog = Blog.objects.create(slug="replicas", title="Primary Title", owner=writer)
Membership.objects.create(blog=blog, user=writer, role=Membership.Role.ADMINISTRATOR)
post = Post.objects.create(
    blog=blog, author=writer, title="A post on two databases", status="published",
    body_markdown="Which one answered?", published_at=timezone.now() - datetime.timedelta(hours=1),
)
rules = DiscussionSettings.for_blog(blog)
rules.hold_first_comment = False
rules.save()
reader = User.objects.create_user("ravi", "ravi@example.test")
store = SessionStore()  # in the database, so the replica has it too once copied
store[SESSION_KEY] = str(reader.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = reader.get_session_auth_hash()
store.save()
print(json.dumps({"path": post.get_absolute_url(), "session": store.session_key}))
"""


@contextmanager
def replica_of(primary_url: str):
    """Copy the primary into a new database (the "replica" as it is now); drop it after."""
    import psycopg
    from psycopg import sql

    name = primary_url.rsplit("/", 1)[1]
    replica = f"{name}_replica"
    admin = psycopg.conninfo.make_conninfo(primary_url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(replica), sql.Identifier(name)))  # fmt: skip
    try:
        yield primary_url.rsplit("/", 1)[0] + "/" + replica
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(replica)))


def execute(url: str, query: str, *params) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(query, params)


@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    need("PostgreSQL", answers("127.0.0.1", 5432), "a replica needs PostgreSQL")
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/byline"
    data_dir = tmp_path_factory.mktemp("replica")
    with fresh_postgres_database(base_url) as primary:
        setup = Cluster(data_dir, server_env(data_dir, primary))
        setup.byline("migrate", "--no-input")
        facts = json.loads(setup.shell(SETUP).strip().splitlines()[-1])
        with replica_of(primary) as replica:
            # The replica lags: its blog has another title, which only reads from it show.
            execute(
                replica, "UPDATE blogs_blog SET title = 'Replica Title' WHERE slug = 'replicas'"
            )
            # setup's environment, with its secret key: the sessions it made must be valid.
            env = {**setup.env, "DATABASE_REPLICA_URL": replica, "BYLINE_COMMENT_MIN_SECONDS": "0"}
            cluster = Cluster(data_dir, env)
            cluster.primary, cluster.replica, cluster.facts = primary, replica, facts
            try:
                cluster.server = cluster.start_server("server", workers=1)
                wait_until_ready(cluster.server)
                yield cluster
            finally:
                cluster.stop_all()


def blog_title(page: str) -> str:
    found = re.findall(r"(Primary|Replica) Title", page)
    assert found, "the blog's title is not on the page"
    assert len(set(found)) == 1, found
    return found[0]


def test_anonymous_pages_read_the_replica(replicated):
    status, _, page = request(replicated.server, "GET", "/")
    assert status == 200
    assert blog_title(page) == "Replica"


def test_pages_the_page_cache_stores_are_drawn_from_the_primary(replicated):
    # One stale copy in the cache would reach every reader until the blog's next change.
    status, headers, page = request(replicated.server, "GET", replicated.facts["path"])
    assert (status, headers.get("x-byline-cache")) == (200, "miss")
    assert blog_title(page) == "Primary"


def test_a_readers_own_comment_is_on_the_page_they_come_back_to(replicated):
    server, path = replicated.server, replicated.facts["path"]
    csrf = secrets.token_hex(16)
    signed_in = {"Cookie": f"sessionid={replicated.facts['session']}; csrftoken={csrf}"}
    status, _, page = request(server, "GET", path, headers=signed_in)
    assert status == 200
    assert blog_title(page) == "Replica"  # a signed-in reader who wrote nothing: the replica

    fields = comment_fields(page)
    fields.update(comment="Mine, and I want to see it", csrfmiddlewaretoken=csrf)
    status, headers, _ = request(server, "POST", path, fields, headers=signed_in)
    assert status in (302, 303), status
    pin = re.search(r"byline_primary=(\d+)", headers["set-cookie"])
    assert pin, headers["set-cookie"]

    pinned = {"Cookie": f"{signed_in['Cookie']}; byline_primary={pin.group(1)}"}
    status, _, page = request(server, "GET", path, headers=pinned)
    assert status == 200
    assert "Mine, and I want to see it" in page  # from the primary: the replica lacks it
    assert blog_title(page) == "Primary"

    # Without the pin, the same reader is back on the replica, which has not caught up.
    status, _, page = request(server, "GET", path, headers=signed_in)
    assert blog_title(page) == "Replica"
    assert "Mine, and I want to see it" not in page


def test_readyz_names_a_replica_that_is_gone(replicated):
    status, _, body = request(replicated.server, "GET", "/readyz")
    assert status == 200
    assert json.loads(body)["checks"] == {"database": "ok", "database:replica": "ok"}
    execute(
        replicated.primary.rsplit("/", 1)[0] + "/postgres",
        f'DROP DATABASE "{replicated.replica.rsplit("/", 1)[1]}" WITH (FORCE)',
    )
    status, _, body = request(replicated.server, "GET", "/readyz")
    assert status == 503
    answer = json.loads(body)
    assert answer["failed"] == ["database:replica"]
    assert answer["checks"]["database"] == "ok"
