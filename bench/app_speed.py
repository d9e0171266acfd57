"""Time the application itself, without the page cache: a cold post page, comment POSTs, likes.

    .venv/bin/python bench/app_speed.py            # SQLite, in a fresh data dir
    DATABASE_URL=postgres://… .venv/bin/python bench/app_speed.py

1. Cold render: the target post of bench/seed.py (100 threaded comments) drawn 50 times
   in one process through Django's test client with the page cache off; the median wall
   time and the median CPU time of the process (the "server time" of one request).
2. Comment POSTs: bench/run.py's write_comments against `byline serve` (8 writers, 10 s),
   every accepted comment checked in the database.
3. Like toggles: bench/run.py's like_toggles (8 signed-in readers, 10 s), every reader's last
   answered toggle checked against the likes stored.

A timing script, not a test: its numbers depend on the machine and on what else runs.
For PostgreSQL, DATABASE_URL must name an empty database (the script migrates and seeds it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
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
        results["likes"] = run.like_toggles(base, byline, WRITERS, SECONDS)
        run.say(f"  like toggles: {results['likes']}")
    shutil.rmtree(byline.data_dir, ignore_errors=True)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
