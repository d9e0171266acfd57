"""Time the application itself, without the page cache: a cold post page, comment POSTs, likes.

    .venv/bin/python bench/app_speed.py            # SQLite, in a fresh data dir
    DATABASE_URL=postgres://… .venv/bin/python bench/app_speed.py

1. Cold render: the target post of bench/seed.py (100 threaded comments) drawn 50 times
   in one process through Django's test client with the page cache off; the median wall
   time and the median CPU time of the process (the "server time" of one request).
2. Comment POSTs: bench/run.py's write_comments against `byline serve` (8 writers, 10 s),
   every accepted comment checked in the database.
3. Like toggles: 8 signed-in readers like and unlike the same post in turns, in place (htmx),
   for 10 s; then each reader's like must exist exactly when their last answered toggle
   was a like, and the post must hold no other likes.

A timing script, not a test: its numbers depend on the machine and on what else runs.
For PostgreSQL, DATABASE_URL must name an empty database (the script migrates and seeds it).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402 - bench/run.py, the benchmark's own data dir, server and writers

WRITERS = int(os.environ.get("BENCH_COMMENT_WRITERS", "8"))
SECONDS = int(os.environ.get("BENCH_COMMENT_SECONDS", "10"))

COLD_RENDER = """
import json, statistics, time
from django.test import Client
from django.db import connection
client, url, wall, cpu, queries = Client(HTTP_HOST="127.0.0.1"), {url!r}, [], [], []
assert client.get(url).status_code == 200
with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
    client.get(url)
for _ in range(50):
    began, began_cpu = time.perf_counter(), time.process_time()
    assert client.get(url).status_code == 200
    wall.append(time.perf_counter() - began)
    cpu.append(time.process_time() - began_cpu)
print(json.dumps({{"wall_ms": round(statistics.median(wall) * 1000, 1),
                  "cpu_ms": round(statistics.median(cpu) * 1000, 1), "queries": len(queries)}}))
"""

READERS = """
import json
from django.test import Client
from django.middleware.csrf import _get_new_csrf_string
from byline.accounts.models import User
readers = []
for n in range({n}):
    name = f"liker{{n}}"
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": f"{{name}}@x.invalid"}})
    client = Client()
    client.force_login(user)
    readers.append({{"id": user.pk, "session": client.cookies["sessionid"].value,
                    "csrf": _get_new_csrf_string()}})
print(json.dumps(readers))
"""

LIKES_OF = """
import json
from byline.social.models import Like
print(json.dumps(list(Like.objects.filter(post_id={post}).values_list("user_id", flat=True))))
"""


def shell(byline: run.Byline, code: str, **env) -> dict | list:
    saved = dict(byline.env)
    byline.env.update(env)
    try:
        return json.loads(
            byline.byline("shell", "--no-imports", "-c", code).strip().splitlines()[-1]
        )
    finally:
        byline.env = saved


def cold_render(byline: run.Byline) -> dict:
    byline.byline("collectstatic", "--noinput", "-v0")
    code = COLD_RENDER.format(url=byline.content["target"])
    return shell(byline, code, BYLINE_PAGE_CACHE_SECONDS="0")


def toggle_likes(base: str, byline: run.Byline, readers: int, seconds: int) -> dict:
    people = shell(byline, READERS.format(n=readers))
    post = byline.content["sink_id"]
    url = urllib.parse.urlsplit(f"{base}/read/like/post/{post}/")
    lock, answered, failures, last = threading.Lock(), [0], {}, {}
    deadline = time.monotonic() + seconds

    def reader(person: dict) -> None:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        cookies = f"sessionid={person['session']}; csrftoken={person['csrf']}"
        headers = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true",
                   "X-CSRFToken": person["csrf"], "Cookie": cookies}  # fmt: skip
        action = "like"
        while time.monotonic() < deadline:
            try:
                connection.request("POST", url.path, f"action={action}", headers)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            with lock:
                if status == 200:
                    answered[0] += 1
                    last[person["id"]] = action
                else:
                    failures[str(status)] = failures.get(str(status), 0) + 1
            if status == 200:
                action = "unlike" if action == "like" else "like"
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - began
    stored = shell(byline, LIKES_OF.format(post=post))
    expected = sorted(pk for pk, action in last.items() if action == "like")
    return {
        "readers": readers, "seconds": round(elapsed, 2), "answered": answered[0],
        "toggles_per_s": round(answered[0] / elapsed, 1), "failures": failures,
        "verified": sorted(stored) == expected,
    }  # fmt: skip


def main() -> int:
    label = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    env = {k: os.environ[k] for k in ("DATABASE_URL", "REDIS_URL") if os.environ.get(k)}
    run.say(f"== app speed on {label}: seeding a fresh data dir")
    byline = run.Byline(label, env)
    results = {"database": label, "cold_render": cold_render(byline)}
    run.say(f"  cold post page, 100 comments: {results['cold_render']}")
    with byline.serve() as (base, _pid):
        results["comments"] = run.write_comments(base, byline, WRITERS, SECONDS)
        run.say(f"  comment POSTs: {results['comments']['accepted_per_s']}/s, "
                f"verified={results['comments']['verified']}")  # fmt: skip
        results["likes"] = toggle_likes(base, byline, WRITERS, SECONDS)
        run.say(f"  like toggles: {results['likes']}")
    shutil.rmtree(byline.data_dir, ignore_errors=True)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
