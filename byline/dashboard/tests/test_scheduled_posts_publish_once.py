"""Two workers at once publish each scheduled post exactly once.

Each post is flipped by one conditional UPDATE, so whichever worker wins, the other sees it
published already; the version goes up by exactly one, and each post is reported by one
worker only. Proven with two real `byline worker --batch` processes on the database of the
run (SQLite or PostgreSQL), and with two threads racing inside one process on PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import threading
from contextlib import ExitStack

import pytest
from django.db import connection
from django.utils import timezone

from byline.dashboard.scheduling import publish_due_posts
from byline.posts.models import Post
from tests.factories import BlogFactory, PostFactory
from tests.servers import BYLINE, RunningServer, fresh_postgres_database, server_env

POSTS = 150

SEED = f"""
import datetime
from django.utils import timezone
from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.posts.models import Post
writer = User.objects.create_user("sched", "sched@example.test", "x")
blog = Blog.objects.create(slug="sched", title="Scheduled", owner=writer)
soon = timezone.now() + datetime.timedelta(hours=1)
for n in range({POSTS}):
    Post.objects.create(blog=blog, author=writer, title=f"Post {{n}}", status="scheduled",
                        published_at=soon)
# Time passes: every post is due now.
Post.objects.update(published_at=timezone.now() - datetime.timedelta(seconds=5))
"""

REPORT = """
from byline.posts.models import Post
print(sorted(set(Post.objects.values_list("status", "version"))))
"""


def test_two_worker_processes_publish_each_post_once(tmp_path):
    with ExitStack() as stack:
        database_url = None
        if os.environ.get("DATABASE_URL"):
            database_url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        env = server_env(tmp_path, database_url)
        setup = RunningServer("", env, tmp_path, tmp_path / "log")
        setup.byline("migrate", "--no-input")
        setup.shell(SEED)

        workers = [
            subprocess.Popen([str(BYLINE), "worker", "--batch"], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]  # fmt: skip
        outputs = [worker.communicate(timeout=120) for worker in workers]

        assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
        reported = [re.findall(r"\(#(\d+)\)", out) for out, _ in outputs]
        everyone = reported[0] + reported[1]
        assert len(everyone) == POSTS, "each post is reported by one worker"
        assert len(set(everyone)) == POSTS
        assert setup.shell(REPORT).strip() == "[('published', 2)]"


@pytest.mark.django_db(transaction=True)
def test_two_threads_racing_on_postgresql_publish_each_post_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the two-process test above covers it")
    blog = BlogFactory(slug="race")
    due = timezone.now() - datetime.timedelta(minutes=1)
    PostFactory.create_batch(POSTS, blog=blog, status=Post.Status.SCHEDULED, published_at=due)
    start, results = threading.Barrier(2), []

    def worker():
        try:
            start.wait()
            results.append([p.pk for p in publish_due_posts()])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(results) == 2
    assert sorted(results[0] + results[1]) == sorted(Post.objects.values_list("pk", flat=True))
    assert set(Post.objects.values_list("status", "version")) == {("published", 2)}
