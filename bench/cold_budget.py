"""What a cold post page may cost to be 20x WordPress, and what ours costs, part by part (#8).

    .venv/bin/python bench/cold_budget.py      # writes bench/results/cold_budget.{md,json}

Issue #8 asks the post page with the page cache off (every request drawn) to be served at
least 20 times as fast as WordPress with a classic theme. On a 2-core machine, r requests a
second leave each request 2 / r seconds of CPU, for everything: the server, Django, the
database and the load generator. So the budget is 2 cores / (20 x WordPress's requests/s),
with WordPress's figure taken from the last `make bench` (bench/results/latest.json).

In one process, on a data dir seeded by bench/seed.py, through the WSGI application that
`byline serve` runs, the CPU time of a request for:

1. the cold target post (100 threaded comments), as readers get it;
2. the same bytes answered by a view that reads and draws nothing, behind the same
   middleware: what Django and our middleware cost a request, whatever the page;
3. the page's own SQL statements, replayed on a bare cursor, rows fetched: what reading its
   data costs at the least, without the ORM;
4. the page's template drawn again from the context the view gave it, with nothing left to
   read: what drawing this page costs, Django's template language and our Python together;
5. of that, the 100 comments alone, which byline/comments/thread_html.py draws in plain
   Python (str.format, html.escape): about what any Python code needs to draw them.

A timing script, not a test: CPU time is steadier than wall time on a shared machine, but
its figures still move from run to run. It reports medians of many repetitions.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
REPEAT = int(os.environ.get("BENCH_BUDGET_REPEAT", "200"))
CORES = os.cpu_count() or 1
FACTOR = 20  # issue #8: at least 20x WordPress (classic theme), cache off


def cpu_ms(work, repeat: int = REPEAT) -> float:
    """Return the median CPU time of work(), in ms, over `repeat` calls in blocks of ten."""
    for _ in range(5):
        work()  # warm: templates compiled, caches filled, connection open
    blocks = []
    for _ in range(max(1, repeat // 10)):
        began = time.process_time()
        for _ in range(10):
            work()
        blocks.append((time.process_time() - began) / 10)
    return round(statistics.median(blocks) * 1000, 2)


# Inside: Django set up on the seeded data dir --------------------------------------------


def measure_inside(path: str) -> dict:
    import io
    import types

    import django

    django.setup()
    from django.db import connection
    from django.http import HttpResponse
    from django.template.loader import render_to_string
    from django.test.utils import override_settings
    from django.urls import path as route

    from byline.comments import thread_html
    from byline.posts import views
    from byline.wsgi import application

    def get(address: str) -> bytes:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": address, "QUERY_STRING": "",
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1",
                   "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http"}  # fmt: skip
        status = []
        body = application(environ, lambda s, h, e=None: status.append(s))
        content = b"".join(body)
        body.close()
        if not status[0].startswith("200"):
            raise RuntimeError(f"GET {address}: {status[0]}")
        return content

    page = get(path)

    statements = []  # the page's SQL, as the database got it

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        get(path)

    def replay():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    drawn = {}  # what the view hands to its template

    def keep_render(request, template, context=None, status=None):
        drawn.update(request=request, template=template, context=context)
        return HttpResponse(render_to_string(template, context, request), status=status)

    plain_render, views.render = views.render, keep_render
    try:
        get(path)
    finally:
        views.render = plain_render

    def draw_page():
        return render_to_string(drawn["template"], drawn["context"], drawn["request"])

    def draw_comments():
        context = drawn["context"]
        return thread_html.draw(context["discussion"], context["post"], drawn["request"])

    def queries_of(work) -> int:
        seen = []
        with connection.execute_wrapper(lambda run, *args: seen.append(args[0]) or run(*args)):
            work()
        return len(seen)

    constant = types.ModuleType("cold_budget_urls")
    constant.urlpatterns = [route("constant/", lambda request: HttpResponse(page))]
    sys.modules["cold_budget_urls"] = constant
    with override_settings(ROOT_URLCONF="cold_budget_urls"):
        if get("/constant/") != page:
            raise RuntimeError("the constant view did not answer the page's bytes")
        floor = cpu_ms(lambda: get("/constant/"))

    return {
        "page_bytes": len(page),
        "queries": len(statements),
        "template_queries": queries_of(draw_page),
        "comments_queries": queries_of(draw_comments),
        "page_ms": cpu_ms(lambda: get(path)),
        "stack_ms": floor,
        "sql_ms": cpu_ms(replay),
        "template_ms": cpu_ms(draw_page),
        "comments_ms": cpu_ms(draw_comments),
    }


# Outside: a seeded data dir, and the report ----------------------------------------------


def wordpress_cold_rps() -> float | None:
    """Return WordPress's cold post page requests/s (classic theme, 16 connections) of the
    last `make bench`, or None when that run had no WordPress."""
    try:
        rows = json.loads((RESULTS / "latest.json").read_text())["wordpress"]["rows"]
    except (OSError, KeyError, TypeError, ValueError):
        return None
    wanted = ("twentytwentyone", "a_target", 16)
    for row in rows:
        if (row.get("theme"), row.get("test"), row.get("conns")) == wanted:
            return row["rps"]
    return None


def queries(count: int) -> str:
    return f"{count} {'query' if count == 1 else 'queries'}"


def report(parts: dict, wordpress: float | None, stamp: str) -> str:
    rows = [
        ("the cold post page, as served", "page_ms"),
        ("the same bytes from a view that reads and draws nothing: Django and our middleware",
         "stack_ms"),
        (f"the page's {parts['queries']} SQL statements replayed on a bare cursor", "sql_ms"),
        (f"its template drawn again from the same context ({queries(parts['template_queries'])})",
         "template_ms"),
        (f"of which the 100 comments, drawn in plain Python ({queries(parts['comments_queries'])})",
         "comments_ms"),
    ]  # fmt: skip
    lines = [
        f"# Cold post page: the budget of 20x WordPress, and the parts of ours ({stamp})",
        "",
        "Written by `bench/cold_budget.py` (bench/README.md explains it). CPU time of one request,",
        f"in one process, median of {REPEAT} requests; the target post of bench/seed.py, "
        f"{parts['page_bytes']:,} bytes, {parts['queries']} queries.",
        "",
        "| part | CPU ms a request |",
        "|---|---|",
        *(f"| {label} | {parts[key]} |" for label, key in rows),
        "",
    ]
    if wordpress:
        budget = round(CORES * 1000 / (FACTOR * wordpress), 2)
        left = round(budget - parts["stack_ms"] - parts["sql_ms"], 2)
        lines += [
            "WordPress (Twenty Twenty-One, 16 connections) served its copy of the post at "
            f"{wordpress} requests/s in the last `make bench`. {FACTOR}x that on {CORES} cores "
            f"leaves **{budget} ms** of CPU a request, for the server, the database and wrk "
            "as well. "
            f"With the stack and the bare SQL taken off, {left} ms remain for everything "
            f"else: building the page's objects and drawing {parts['page_bytes']:,} bytes. "
            f"Drawing the template alone takes {parts['template_ms']} ms, "
            f"{round(parts['template_ms'] / left, 1) if left > 0 else 'more than all'} "
            f"times that; the comments alone, in plain Python, {parts['comments_ms']} ms.",
            "",
        ]
    else:
        lines += ["No WordPress figures in bench/results/latest.json: run `make bench` first.", ""]
    return "\n".join(lines)


def main() -> int:
    if sys.argv[1:2] == ["--inside"]:
        print(json.dumps(measure_inside(sys.argv[2])))  # noqa: T201
        return 0
    sys.path.insert(0, str(HERE))
    import run  # bench/run.py: the benchmark's seeded data dir

    run.say("== cold page budget: seeding a fresh data dir")
    byline = run.Byline("budget", {})
    byline.byline("collectstatic", "--noinput", "-v0")
    env = {**byline.env, "BYLINE_PAGE_CACHE_SECONDS": "0",
           "DJANGO_SETTINGS_MODULE": "byline.settings"}  # fmt: skip
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--inside", byline.content["target"]],
        env=env, cwd=byline.data_dir, capture_output=True, text=True, check=True,
    )  # fmt: skip
    parts = json.loads(done.stdout.strip().splitlines()[-1])
    shutil.rmtree(byline.data_dir, ignore_errors=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    wordpress = wordpress_cold_rps()
    result = {"stamp": stamp, "cores": CORES, "repeat": REPEAT, "wordpress_rps": wordpress, **parts}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cold_budget.json").write_text(json.dumps(result, indent=2) + "\n")
    text = report(parts, wordpress, stamp)
    (RESULTS / "cold_budget.md").write_text(text)
    print(text)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
