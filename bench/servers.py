"""The server comparison behind `byline serve`'s choice (bench/README.md).

Each candidate serves the same seeded SQLite data dir; for each: the cached post page at 64
connections, the post page drawn for every request (page cache off) at 16, comment POSTs
from 8 writers, and the memory of its processes. Writes bench/results/servers.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
APP = "byline.wsgi:application"
CANDIDATES = {
    "gunicorn sync, 4 workers": [str(BIN / "gunicorn"), "-w", "4", "-k", "sync",
                                 "-b", "127.0.0.1:{port}", APP],
    "gunicorn gthread, 2 workers x 4 threads": [str(BIN / "gunicorn"), "-w", "2", "--threads",
                                                "4", "-k", "gthread", "-b", "127.0.0.1:{port}", APP],
    "granian WSGI, 2 workers x 1 thread": [str(BIN / "granian"), "--interface", "wsgi",
                                           "--workers", "2", "--blocking-threads", "1",
                                           "--port", "{port}", "--no-ws", APP],
    "granian WSGI, 2 workers x 4 threads": [str(BIN / "granian"), "--interface", "wsgi",
                                            "--workers", "2", "--blocking-threads", "4",
                                            "--port", "{port}", "--no-ws", APP],
    "granian WSGI, 4 workers x 1 thread": [str(BIN / "granian"), "--interface", "wsgi",
                                           "--workers", "4", "--blocking-threads", "1",
                                           "--port", "{port}", "--no-ws", APP],
}  # fmt: skip


def compare(Byline, wrk, write_comments, MemorySampler, say, line) -> int:  # noqa: N803
    from bench.run import COMMENT_SECONDS, DURATION, RESULTS

    byline = Byline("servers", {})
    byline.byline("collectstatic", "--noinput", "-v0")
    target = byline.content["target"]
    rows = []
    for name, command in CANDIDATES.items():
        row = {"server": name}
        with byline.serve(command) as (base, pid):
            wrk(base + target, 4, 2)
            with MemorySampler(pid) as memory:
                row["cached_c64"] = wrk(base + target, 64)
                say(line(f"{name}: cached", row["cached_c64"]))
                comments = write_comments(base, byline, 8, COMMENT_SECONDS)
                row["comments"] = {k: comments[k] for k in ("accepted_per_s", "p99_ms", "verified")}
            row["memory"] = memory.summary()
        with byline.serve(command, BYLINE_PAGE_CACHE_SECONDS="0") as (base, pid):
            wrk(base + target, 4, 2)
            row["cold_c16"] = wrk(base + target, 16)
            say(line(f"{name}: cache off", row["cold_c16"]))
        rows.append(row)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "servers.json").write_text(json.dumps(rows, indent=2) + "\n")
    out = [f"# Server comparison ({DURATION} s per wrk cell, SQLite, same machine and data)", "",
           "| server | cached post c64 req/s | p99 ms | cache off c16 req/s | p99 ms | "
           "comment POSTs/s | p99 ms | largest process RSS | RSS sum |",
           "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        c, k, m = r["cached_c64"], r["cold_c16"], r["memory"]
        out.append(f"| {r['server']} | {c['rps']:,.0f} | {c['p99_ms']:.1f} | {k['rps']:,.1f} | "
                   f"{k['p99_ms']:,.0f} | {r['comments']['accepted_per_s']} | "
                   f"{r['comments']['p99_ms']} | {m['worker_rss_max_mb']} MB | "
                   f"{m['rss_sum_max_mb']} MB |")  # fmt: skip
    (RESULTS / "servers.md").write_text("\n".join(out) + "\n")
    say("\n".join(out))
    return 0
