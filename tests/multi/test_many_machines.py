"""Byline on "many machines": two app servers and two workers on one PostgreSQL and one Redis.

What issue #9 must show, each against real `byline serve` and `byline worker` processes:
a comment posted through server A is on server B's page at once; likes sent to both at
once are counted exactly; a scheduled post is published once though two workers run; and
killing A (SIGKILL, with all its workers) during a burst of comments loses no comment A
acknowledged, while B keeps serving. On the way it checks what an operator sees: /readyz,
JSON request logs with the request id, and /metrics adding up every worker's counts.
Every process runs with psycopg's connection pool (BYLINE_DB_POOL), as in production.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import threading
import time

import pytest

from tests.multi.cluster import Cluster, comment_fields, request, wait_until_ready
from tests.servers import fresh_postgres_database, server_env
from tests.support import answers, need

REDIS_URL = "redis://127.0.0.1:6379/5"
TOKEN = secrets.token_hex(16)
LIKERS = 12

SETUP = f"""
import datetime, json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cache import SessionStore
from django.utils import timezone
from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.comments.models import DiscussionSettings
from byline.posts.models import Post

writer = User.objects.create_user("nadia", "nadia@example.test")
blog = Blog.objects.create(slug="two-servers", title="Two Servers", owner=writer)
Membership.objects.create(blog=blog, user=writer, role=Membership.Role.ADMINISTRATOR)
post = Post.objects.create(
    blog=blog, author=writer, title="Read me anywhere", status="published",
    body_markdown="Comments and likes welcome, through any server.",
    published_at=timezone.now() - datetime.timedelta(hours=1),
)
rules = DiscussionSettings.for_blog(post.blog)
rules.hold_first_comment = False
rules.save()
sessions = []
for n in range({LIKERS}):
    user = User(username=f"liker{{n}}", email=f"liker{{n}}@example.test")
    user.set_unusable_password()
    user.save()
    store = SessionStore()  # in Redis: every app server reads it
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    sessions.append(store.session_key)
soon = Post.objects.create(
    blog=post.blog, author=post.author, title="Goes live in a moment", status="scheduled",
    body_markdown="Published by whichever worker sees it first, once.",
    published_at=timezone.now() + datetime.timedelta(seconds=3),
)
print(json.dumps({{"path": post.get_absolute_url(), "pk": post.pk, "sessions": sessions,
                  "scheduled": soon.pk, "version": soon.version}}))
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    need("PostgreSQL", answers("127.0.0.1", 5432), "the servers share one PostgreSQL")
    need("Redis", answers("127.0.0.1", 6379), "the servers share cache and sessions in Redis")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # no page cache left from an earlier run
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/byline"
    data_dir = tmp_path_factory.mktemp("cluster")
    with fresh_postgres_database(base_url) as database_url:
        env = server_env(data_dir, database_url, {
            "REDIS_URL": REDIS_URL,
            "BYLINE_METRICS_TOKEN": TOKEN,
            "BYLINE_COMMENT_MIN_SECONDS": "0",
            "BYLINE_COMMENT_RATE": "100000/1",  # one IP sends the whole burst
            "BYLINE_DB_POOL": "true",  # as in production: psycopg's pool in every process
        })  # fmt: skip
        running = Cluster(data_dir, env)
        running.database_url = database_url
        running.byline("migrate", "--no-input")
        try:
            # The servers boot while the content is made: the shell needs no server.
            running.a = running.start_server("server-a")
            running.b = running.start_server("server-b")
            running.facts = json.loads(running.shell(SETUP).strip().splitlines()[-1])
            running.workers = [running.start_worker("worker-1"), running.start_worker("worker-2")]
            wait_until_ready(running.a, running.b)
            yield running
        finally:
            running.stop_all()


def sql(cluster, query: str, *params):
    import psycopg

    with psycopg.connect(cluster.database_url) as conn:
        return conn.execute(query, params).fetchall()


def test_both_servers_are_ready_and_log_json_lines(cluster):
    for server in (cluster.a, cluster.b):
        status, _, body = request(server, "GET", "/readyz")
        assert status == 200
        assert json.loads(body)["checks"] == {"database": "ok", "redis": "ok"}
    status, headers, _ = request(cluster.a, "GET", "/healthz", headers={"X-Request-ID": "lb-7f3e"})
    assert (status, headers["x-request-id"]) == (200, "lb-7f3e")
    logged = [json.loads(line) for line in cluster.a.output().splitlines()
              if line.startswith("{") and '"lb-7f3e"' in line]  # fmt: skip
    assert len(logged) == 1
    assert logged[0]["route"] == "platform:healthz" and logged[0]["status"] == 200


def test_metrics_add_up_every_worker_of_a_server(cluster):
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert request(cluster.b, "GET", "/metrics")[0] == 404  # no token, no staff: nothing here
    # A new connection each: granian's workers wait on one shared socket and race for each
    # new connection, so both take some of the 30.
    for _ in range(30):
        assert request(cluster.b, "GET", "/healthz")[0] == 200
    status, _, text = request(cluster.b, "GET", "/metrics", headers=bearer)
    assert status == 200
    line = 'byline_http_requests_total{method="GET",route="platform:healthz",status="200"}'
    [count] = [float(row.split()[-1]) for row in text.splitlines() if row.startswith(line)]
    assert count == 30
    assert "byline_scheduled_posts_due" in text and "byline_tasks_pending" in text
    files = {p.name for p in (cluster.b.data_dir / "metrics" / str(cluster.b.port)).iterdir()}
    assert len({name.split("_")[-1] for name in files if name.startswith("counter_")}) == 2


def test_a_comment_posted_through_a_is_on_b_at_once(cluster):
    path = cluster.facts["path"]
    request(cluster.b, "GET", path)
    status, headers, page = request(cluster.b, "GET", path)
    assert (status, headers.get("x-byline-cache")) == (200, "hit")

    fields = comment_fields(request(cluster.a, "GET", path)[2])
    fields.update(comment="Sent through A, read through B", author="Ann", email="ann@example.test")
    status, headers, _ = request(cluster.a, "POST", path, fields)
    assert status in (302, 303), status

    status, headers, page = request(cluster.b, "GET", path)
    assert status == 200
    assert "Sent through A, read through B" in page


def test_likes_sent_to_both_servers_at_once_are_counted_exactly(cluster):
    pk, sessions = cluster.facts["pk"], cluster.facts["sessions"]
    csrf = secrets.token_hex(16)  # 32 characters, as Django's CSRF cookie
    start = threading.Barrier(2 * len(sessions))
    statuses = []

    def like(server, session):
        headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}
        start.wait()
        answer = request(server, "POST", f"/read/like/post/{pk}/", {"action": "like"}, headers)
        statuses.append(answer[0])

    # Every reader clicks twice at once, once on each server: 24 requests, 12 readers.
    threads = [threading.Thread(target=like, args=(server, session))
               for session in sessions for server in (cluster.a, cluster.b)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert statuses == [303] * len(threads)
    [(count,)] = sql(cluster, "SELECT count(*) FROM social_like JOIN accounts_user u "
                              "ON u.id = user_id WHERE post_id = %s AND u.username LIKE 'liker%%'",
                     pk)  # fmt: skip
    assert count == len(sessions)


def test_a_scheduled_post_is_published_once_though_two_workers_run(cluster):
    pk, version = cluster.facts["scheduled"], cluster.facts["version"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        [(status, now_version)] = sql(cluster, "SELECT status, version FROM posts_post "
                                               "WHERE id = %s", pk)  # fmt: skip
        if status == "published":
            break
        time.sleep(0.2)
    assert status == "published"
    time.sleep(1.5)  # three more ticks of both clocks: nobody publishes it again
    [(status, now_version)] = sql(cluster, "SELECT status, version FROM posts_post WHERE id = %s",
                                  pk)  # fmt: skip
    assert (status, now_version) == ("published", version + 1)
    reports = [line for worker in cluster.workers for line in worker.output().splitlines()
               if f"(#{pk})" in line]  # fmt: skip
    assert len(reports) == 1, reports
    assert all(w.popen.poll() is None for w in cluster.workers)


def test_killing_a_during_a_burst_loses_no_acknowledged_comment(cluster):
    path = cluster.facts["path"]
    fields = comment_fields(request(cluster.a, "GET", path)[2])
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def send(writer: int):
        n = 0
        while not stop.is_set():
            n += 1
            text = f"Burst comment {writer}-{n}"
            body = {**fields, "comment": text, "author": f"Writer {writer}",
                    "email": f"writer{writer}@example.test"}  # fmt: skip
            try:
                status, _, _ = request(cluster.a, "POST", path, body, timeout=5)
            except OSError:
                continue  # A is gone: this one was never acknowledged
            if status in (200, 302, 303):
                with lock:
                    acknowledged.append(text)

    writers = [threading.Thread(target=send, args=(w,)) for w in range(4)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 15
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    cluster.a.kill(signal.SIGKILL)  # the machine dies, mid-burst, with every worker of A
    time.sleep(0.5)  # the writers keep sending into the dead server a while
    stop.set()
    for writer in writers:
        writer.join(10)
    assert cluster.a.popen.wait(5) == -signal.SIGKILL
    assert len(acknowledged) >= 20

    stored = {row[0] for row in sql(cluster, "SELECT content FROM comments_comment "
                                             "WHERE content LIKE 'Burst comment %%'")}  # fmt: skip
    assert set(acknowledged) <= stored

    # B serves on: the page, with every acknowledged comment, and a new comment.
    status, _, page = request(cluster.b, "GET", path)
    assert status == 200
    assert all(text in page for text in acknowledged[:5])
    fields = comment_fields(page)
    fields.update(comment="After A went down", author="Bea", email="bea@example.test")
    assert request(cluster.b, "POST", path, fields)[0] in (302, 303)
    assert "After A went down" in request(cluster.b, "GET", path)[2]
