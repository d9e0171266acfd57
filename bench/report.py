"""Write bench/results/latest.md from the report bench/run.py gathered."""

from __future__ import annotations

TARGETS = """Issue #8's targets: post page (cached, 64 connections) at least 50% of nginx serving the
same HTML, p99 under 50 ms; cold post page at least 20x WordPress (classic theme); at least 300
comment POSTs/s on SQLite with none lost; each worker under 150 MB; like toggles 500/s."""


def cell(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def ratio(a, b) -> str:
    return f"{a / b:.2f}×" if a and b else "–"


def pick(rows: list, conns: int, page: str | None = None) -> dict:
    for row in rows:
        if row["conns"] == conns and (page is None or row.get("page") == page):
            return row
    return {}


def write(report: dict) -> str:
    m, s = report["machine"], report["settings"]
    out = [f"# Byline benchmark: {report['stamp']}", ""]
    out += [f"Machine: {m['host']}, {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; "
            f"load at start {' '.join(m['loadavg_at_start'])}. Python {m['python']}, "
            f"Django {m['django']}, granian {m['granian']}, {m['wrk']}.", ""]  # fmt: skip
    out += [f"Settings: wrk -t1, {s['duration_s']} s per cell, connections {s['conns']}, "
            f"keep-alive, no Accept-Encoding (uncompressed, as for WordPress); `byline serve "
            f"--workers {s['workers']}`; {s['comment_writers']} comment writers for "
            f"{s['comment_seconds']} s. Everything on loopback, on one shared machine: compare "
            "figures of the same run.", ""]  # fmt: skip
    out += ["## Against the targets", "", TARGETS, ""]
    out += summary(report) + [""]
    for run in report["passes"]:
        out += byline_pass(run) + [""]
    out += wordpress(report.get("wordpress", {}))
    out += imports(report.get("import"))
    return "\n".join(out) + "\n"


def summary(report: dict) -> list[str]:
    first = report["passes"][0]
    wp = report.get("wordpress", {})
    out = ["| measure | Byline | reference | ratio |", "|---|---|---|---|"]
    for conns in report["settings"]["conns"]:
        mine, static = pick(first["reads"], conns, "target"), pick(first.get("static", []), conns)
        out.append(f"| post page, cached, c{conns}, req/s (p99 ms) | {cell(mine.get('rps'))} "
                   f"({cell(mine.get('p99_ms'))}) | nginx static copy {cell(static.get('rps'))} | "
                   f"{ratio(mine.get('rps'), static.get('rps'))} |")  # fmt: skip
    for conns in report["settings"]["conns"]:
        cold = pick(first["cold"], conns)
        for theme in sorted({r.get("theme") for r in wp.get("rows", []) if r.get("theme")}):
            row = next((r for r in wp["rows"] if r.get("theme") == theme
                        and r.get("test") == "a_target" and r.get("conns") == conns), {})  # fmt: skip
            out.append(f"| post page, cache off, c{conns}, req/s | {cell(cold.get('rps'))} | "
                       f"WordPress {theme} {cell(row.get('rps'))} | "
                       f"{ratio(cold.get('rps'), row.get('rps'))} |")  # fmt: skip
        if not wp.get("rows"):
            out.append(f"| post page, cache off, c{conns}, req/s | {cell(cold.get('rps'))} | "
                       "WordPress not measured | – |")  # fmt: skip
    for run in report["passes"]:
        c = run["comments"]
        wp_row = next((r for r in wp.get("rows", []) if r.get("test") == "d_comments"), {})
        out.append(f"| comment POSTs/s, {run['label']} (verified in the database) | "
                   f"{cell(c['accepted_per_s'])} ({'all stored once' if c['verified'] else 'FAILED'}) "
                   f"| WordPress {cell(wp_row.get('accepted_per_s'))} | "
                   f"{ratio(c['accepted_per_s'], wp_row.get('accepted_per_s'))} |")  # fmt: skip
        out.append(f"| largest worker RSS during the run, {run['label']} | "
                   f"{cell(run['memory_during']['worker_rss_max_mb'])} MB | budget 150 MB | – |")  # fmt: skip
    for run in report["passes"]:
        lk = run.get("likes", {})
        if lk.get("measured"):
            check = "checked in the database" if lk["verified"] else "FAILED the database check"
            out.append(f"| like toggles/s, {run['label']} ({lk['readers']} at once, "
                       f"{lk.get('accounts', lk['readers'])} accounts) | "
                       f"{cell(lk['toggles_per_s'])} ({check}) | target 500 | "
                       f"{ratio(lk['toggles_per_s'], 500)} |")  # fmt: skip
    return out


def byline_pass(run: dict) -> list[str]:
    p = run["pages"]
    out = [f"## Byline on {run['label']}", "",
           f"Target post {cell(p['target_bytes'])} bytes with {p['target_comments_on_page']} "
           f"comments on the page; home {cell(p['home_bytes'])} bytes; feed "
           f"{cell(p['feed_bytes'])} bytes.", "",
           "| page | page cache | conns | req/s | p50 ms | p99 ms | max ms | requests | errors |",
           "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    rows = [(r["page"], "on", r) for r in run["reads"]] + [
        ("target", "off", r) for r in run["cold"]
    ]
    rows += [("target, saved copy", "nginx", r) for r in run.get("static", [])]
    for page, mode, r in rows:
        out.append(f"| {page} | {mode} | {r['conns']} | {cell(r['rps'])} | {cell(r['p50_ms'], 2)} | "
                   f"{cell(r['p99_ms'], 2)} | {cell(r['max_ms'], 0)} | {cell(r['requests'])} | "
                   f"{r['errors']} |")  # fmt: skip
    c = run["comments"]
    out += ["", "| comment writers | accepted/s | p50 ms | p99 ms | sent | accepted | rejected | "
            "database check |", "|---|---|---|---|---|---|---|---|",
            f"| {c['writers']} | {cell(c['accepted_per_s'])} | {cell(c['p50_ms'])} | "
            f"{cell(c['p99_ms'])} | {c['sent']} | {c['accepted']} | {c['rejected']} "
            f"{c['failures'] or ''} | {c['db_rows']} rows; missing {c['db_missing']}, twice "
            f"{c['db_duplicates']}, extra {c['db_extra']}: "
            f"{'every accepted comment stored exactly once' if c['verified'] else 'FAILED'} |"]  # fmt: skip
    lk = run.get("likes", {})
    if lk.get("measured"):
        out += ["", "| like togglers (accounts) | toggles/s | p50 ms | p99 ms | answered | failed | "
                "database check |", "|---|---|---|---|---|---|---|",
                f"| {lk['readers']} ({lk.get('accounts', lk['readers'])}) | {cell(lk['toggles_per_s'])} | {cell(lk['p50_ms'])} | "
                f"{cell(lk['p99_ms'])} | {lk['answered']} | {lk['failures'] or 0} | "
                f"{lk['db_rows']} likes on the post, {lk['db_twice']} twice; the next page says "
                f"{lk['page_count']}: "
                f"{'each like once, as its last toggle said' if lk['verified'] else 'FAILED'} |"]  # fmt: skip
    md, mc = run["memory_during"], run["memory_cold"]
    out += ["", "| memory (server processes: granian's main + workers) | processes | RSS sum | "
            "PSS sum | largest worker RSS |", "|---|---|---|---|---|",
            f"| during the cached reads and comment writes | {md['processes']} | "
            f"{md['rss_sum_max_mb']} MB | {md['pss_sum_max_mb']} MB | {md['worker_rss_max_mb']} MB |",
            f"| during the cold reads (cache off) | {mc['processes']} | {mc['rss_sum_max_mb']} MB | "
            f"{mc['pss_sum_max_mb']} MB | {mc['worker_rss_max_mb']} MB |",
            f"| after the run, RSS by process (MB) | {run['memory_after']} | | | |"]  # fmt: skip
    return out


def wordpress(wp: dict) -> list[str]:
    out = ["## WordPress 6.1 (the anchor, by its own run.sh, in the same run)", ""]
    if "skipped" in wp or "error" in wp:
        return out + [wp.get("skipped") or wp.get("error"), ""]
    out += [f"Raw results: `{wp['run']}` (run.sh exit {wp['exit']}).", "",
            "| theme | test | conns | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in wp["rows"]:
        if r.get("test") in ("a_target", "b_home", "c_static"):
            errors = sum(r.get(k, 0) for k in ("err_status", "err_timeout", "err_connect"))
            out.append(f"| {r['theme']} | {r['test']} | {r['conns']} | {cell(r['rps'])} | "
                       f"{cell(r['lat_p50_ms'])} | {cell(r['lat_p99_ms'])} | {errors} |")  # fmt: skip
    for r in wp["rows"]:
        if r.get("test") == "d_comments":
            out.append(f"\nComment POSTs ({r['theme']}): {cell(r['accepted_per_s'])}/s, p50 "
                       f"{cell(r['lat_p50_ms'])} ms, p99 {cell(r['lat_p99_ms'])} ms, "
                       f"verified={r['verified']}.")  # fmt: skip
    return out + [""]


def imports(found: dict | None) -> list[str]:
    """The import benchmark's figures (bench/import_speed.py, issue #7), when it has run."""
    if not found:
        return []
    out = ["## Import (bench/import_speed.py, its own run)", "",
           f"Run {found.get('stamp', '?')}: a synthetic WordPress export of "
           f"{cell(found['settings']['posts'])} posts and {cell(found['settings']['comments'])} "
           f"comments ({found.get('file', {}).get('mb', '?')} MB); targets under "
           f"{found['settings']['target_seconds']} s and {found['settings']['target_mb']} MB.", "",
           "| database | seconds | posts/s | comments/s | peak RSS MB | complete | within targets |",
           "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in found.get("runs", []):
        out.append(f"| {r.get('database', '?')} | {cell(r.get('seconds'))} | "
                   f"{cell(r.get('posts_per_s'))} | {cell(r.get('comments_per_s'))} | "
                   f"{cell(r.get('peak_rss_mb'))} | {r.get('complete')} | "
                   f"{r.get('within_targets')} |")  # fmt: skip
    out += [s for s in found.get("skipped", [])]
    return out + [""]
