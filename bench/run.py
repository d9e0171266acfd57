"""Byline's benchmark (issue #8): `make bench` runs it; bench/README.md explains the figures.

On loopback only, bounded in time. For SQLite, then PostgreSQL + Redis when they answer:
a fresh data dir seeded by bench/seed.py, `byline serve` (the production server), wrk GETs
of the target post (100 threaded comments), the blog home and the RSS feed with the page
cache on, the target post again with it off (every request drawn), comment POSTs from 8
writers checked afterwards in the database, and the memory of every server process.
Beside it, nginx serving the saved target page (the machine's physical limit) and, when
../shared/anchors/wordpress is installed, WordPress measured by its own scripts.

    python bench/run.py                        # writes bench/results/latest.{md,json}
    BENCH_DURATION=5 BENCH_CONNS=16,64 python bench/run.py
    python bench/run.py --compare-servers      # the server comparison in bench/README.md
    python bench/run.py --rewrite-report       # latest.md again, with a newer import.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from fetch import get
from writers import like_toggles, percentile, write_comments  # noqa: F401 - app_speed.py uses them

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BYLINE = BIN / "byline"
RESULTS = HERE / "results"
ANCHOR = ROOT.parent / "shared" / "anchors" / "wordpress"
WP_SITE = Path("/etc/nginx/sites-available/wp-bench")
REDIS_DB = 15  # the bench's own Redis database, emptied at start
MAX_SECONDS = 60


def knob(name: str, default: str) -> str:
    return os.environ.get(name, default)


DURATION = min(int(knob("BENCH_DURATION", "10")), MAX_SECONDS)
CONNS = [int(c) for c in knob("BENCH_CONNS", "16,64").split(",")]
WORKERS = int(knob("BENCH_WORKERS", "2"))
COMMENT_WRITERS = int(knob("BENCH_COMMENT_WRITERS", "8"))
COMMENT_SECONDS = min(int(knob("BENCH_COMMENT_SECONDS", "10")), MAX_SECONDS)
WP_THEMES = knob("BENCH_WP_THEMES", "twentytwentyone")
WITH_WORDPRESS = knob("BENCH_WORDPRESS", "auto")  # auto: when installed; 0: never


def say(*parts) -> None:
    print(*parts, flush=True)  # noqa: T201 - a command-line tool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# wrk ---------------------------------------------------------------------------------


def wrk(url: str, conns: int, seconds: int = DURATION) -> dict:
    """Run wrk (one thread, keep-alive, no Accept-Encoding, as the WordPress anchor does)."""
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    command = ["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--timeout", "30s", "--latency",
               "-s", str(HERE / "wrk_json.lua"), url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in output.splitlines() if x.startswith("BENCHJSON "))
    result = json.loads(line.removeprefix("BENCHJSON "))
    result["errors"] = sum(v for k, v in result.items() if k.startswith("errors_"))
    result["conns"] = conns
    return result


# memory ------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def memory_kb(pid: int) -> tuple[int, int]:
    """Return (RSS, PSS) of one process in kB, or (0, 0) when it is gone."""
    values = {}
    for path, key in ((f"/proc/{pid}/status", "VmRSS:"), (f"/proc/{pid}/smaps_rollup", "Pss:")):
        try:
            with open(path) as f:
                values[key] = next((int(x.split()[1]) for x in f if x.startswith(key)), 0)
        except OSError:
            values[key] = 0
    return values["VmRSS:"], values["Pss:"]


class MemorySampler:
    """Sample the RSS and PSS of a process and its children every half second."""

    def __init__(self, root: int):
        self.root, self.samples, self._stop = root, [], threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append({pid: memory_kb(pid) for pid in process_tree(self.root)})
            self._stop.wait(0.5)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def summary(self) -> dict:
        workers = [rss for s in self.samples for pid, (rss, _) in s.items() if pid != self.root]
        return {
            "processes": max((len(s) for s in self.samples), default=0),
            "rss_sum_max_mb": mb(max((sum(r for r, _ in s.values()) for s in self.samples), default=0)),
            "pss_sum_max_mb": mb(max((sum(p for _, p in s.values()) for s in self.samples), default=0)),
            "worker_rss_max_mb": mb(max(workers, default=0)),
        }  # fmt: skip


def mb(kb: float) -> float:
    return round(kb / 1024, 1)


# Byline --------------------------------------------------------------------------------


class Byline:
    """A fresh data dir, seeded; `serve()` starts `byline serve` on it."""

    def __init__(self, label: str, env: dict):
        self.label = label
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"byline-bench-{label}-"))
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("BYLINE_") and k not in ("DATABASE_URL", "REDIS_URL")}  # fmt: skip
        self.env.update(env, BYLINE_DATA_DIR=str(self.data_dir),
                        # Every benchmark comment must be taken: no "too fast", no rate limit.
                        BYLINE_COMMENT_MIN_SECONDS="0", BYLINE_COMMENT_RATE="1000000/1")  # fmt: skip
        self.byline("migrate", "-v0")
        seeded = subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / "seed.py")], env=self.env, cwd=self.data_dir,
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        self.content = json.loads(seeded.stdout.strip().splitlines()[-1])

    def byline(self, *args: str) -> str:
        done = subprocess.run([str(BYLINE), *args], env=self.env, cwd=self.data_dir,  # noqa: S603
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"byline {' '.join(args)}: {done.stderr}")
        return done.stdout

    @contextlib.contextmanager
    def serve(self, command: list[str] | None = None, **env):
        port = free_port()
        command = [str(BYLINE), "serve", "--port", str(port), "--workers", str(WORKERS)] \
            if command is None else [c.replace("{port}", str(port)) for c in command]  # fmt: skip
        log = self.data_dir / f"serve-{port}.log"
        with log.open("w") as out:
            process = subprocess.Popen(command, env={**self.env, **env}, cwd=self.data_dir,  # noqa: S603
                                       stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError(f"the server stopped:\n{log.read_text()}")
                with contextlib.suppress(OSError):
                    if get(f"{base}{self.content['home']}")[0] == 200:
                        break
                time.sleep(0.3)
            else:
                raise RuntimeError(f"the server did not answer:\n{log.read_text()}")
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def shell_json(self, code: str):
        """Run Python in `byline shell` on this data dir; return the JSON its last line prints."""
        return json.loads(self.byline("shell", "--no-imports", "-c", code).strip().splitlines()[-1])

    def stored_comments(self, marker: str) -> dict[str, int]:
        """Return how many times each benchmark comment (by its sequence number) is stored."""
        code = (
            "import json, re; from collections import Counter; "
            "from byline.comments.models import Comment; "
            f"rows = Comment.objects.filter(content__startswith={marker!r}, "
            f"post_id={self.content['sink_id']}, status='approved').values_list('id', 'content'); "
            "print(json.dumps({'ids': Counter(str(i) for i, _ in rows), "
            "'seqs': Counter(re.match(r'\\S+ (\\d+):', c).group(1) for _, c in rows)}))"
        )
        return json.loads(self.byline("shell", "--no-imports", "-c", code).strip())


def page_checks(base: str, content: dict) -> dict:
    status, body, _ = get(base + content["target"])
    comments = len(set(re.findall(rb'id="comment-(\d+)"', body)))
    home, feed = get(base + content["home"]), get(base + content["feed"])
    assert status == home[0] == feed[0] == 200, (status, home[0], feed[0])
    assert comments == content["target_comments"] == 100, comments
    return {"target_bytes": len(body), "target_comments_on_page": comments,
            "home_bytes": len(home[1]), "feed_bytes": len(feed[1]), "target_html": body}  # fmt: skip


# comment writers ---------------------------------------------------------------------


# nginx: the physical limit --------------------------------------------------------------


@contextlib.contextmanager
def nginx_serving(html: bytes):
    """Serve one saved page with nginx on a free loopback port; yield its URL (or None)."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="byline-bench-nginx-"))
    (folder / "www").mkdir()
    (folder / "www" / "target.html").write_bytes(html)
    for path in (folder, folder / "www", folder / "www" / "target.html"):
        path.chmod(0o755)  # nginx's workers run as another user
    port = free_port()
    (folder / "nginx.conf").write_text(
        f"worker_processes auto;\ndaemon off;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; default_type text/html; keepalive_requests 100000;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {folder}/www; }} }}\n"
    )
    process = subprocess.Popen([nginx, "-c", str(folder / "nginx.conf"), "-p", str(folder)],  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(50):
            if answers("127.0.0.1", port):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/target.html"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


# WordPress (the anchor, by its own scripts) -------------------------------------------


def wordpress_folder() -> Path | None:
    """Return the folder WordPress was installed from (its nginx site names it), or None."""
    if WITH_WORDPRESS == "0" or not WP_SITE.exists():
        return None
    found = re.search(r"root (\S+)/out/static;", WP_SITE.read_text())
    folder = Path(found.group(1)) if found else None
    return (
        folder if folder and (folder / "run.sh").exists() and os.access(folder, os.W_OK) else None
    )


@contextlib.contextmanager
def wordpress_running(folder: Path):
    """Start the anchor's daemons with its services.sh when they are down; stop them after."""
    started = not answers("127.0.0.1", 8081)
    if started:
        subprocess.run(["bash", str(folder / "services.sh"), "start"], check=False,  # noqa: S603
                       capture_output=True, timeout=120)  # fmt: skip
    try:
        yield answers("127.0.0.1", 8081)
    finally:
        if started:
            subprocess.run(["bash", str(folder / "services.sh"), "stop"], check=False,  # noqa: S603
                           capture_output=True, timeout=120)  # fmt: skip


def measure_wordpress(folder: Path) -> dict:
    """Run the anchor's run.sh once (same durations and connections); return its rows."""
    env = {**os.environ, "REPEATS": "1", "THEMES": WP_THEMES, "DURATION": str(DURATION),
           "CONNS": " ".join(map(str, CONNS)), "COMMENT_SECONDS": str(COMMENT_SECONDS),
           "COMMENT_CONC": str(COMMENT_WRITERS), "EXPORT_REPEATS": "1", "WARMUP": "2"}  # fmt: skip
    runs = folder / "out" / "runs"
    before = set(runs.iterdir()) if runs.exists() else set()
    say(f"== WordPress: {folder}/run.sh (themes: {WP_THEMES})")
    done = subprocess.run(["bash", str(folder / "run.sh")], env=env, cwd=folder,  # noqa: S603
                          capture_output=True, text=True, timeout=1800)  # fmt: skip
    new = sorted(set(runs.iterdir()) - before) if runs.exists() else []
    if not new:
        return {"error": f"run.sh made no results (exit {done.returncode}): {done.stderr[-500:]}"}
    rows = [json.loads(x) for x in (new[-1] / "results.jsonl").read_text().splitlines() if x]
    return {"run": str(new[-1]), "exit": done.returncode, "rows": rows}


def wordpress_cell(wp: dict, theme: str, test: str, conns: int | None = None) -> dict | None:
    for row in wp.get("rows", []):
        if (
            row.get("theme") == theme
            and row.get("test") == test
            and (conns is None or row.get("conns") == conns)
        ):
            return row
    return None


# a whole pass --------------------------------------------------------------------------


def measure_byline(label: str, env: dict, static_limit: bool) -> dict:
    say(f"== Byline on {label}: seeding a fresh data dir")
    byline = Byline(label, env)
    result = {"label": label, "content": byline.content, "reads": [], "cold": []}
    with byline.serve() as (base, pid):
        checks = page_checks(base, byline.content)
        html = checks.pop("target_html")
        result["pages"] = checks
        for path in ("target", "home", "feed"):
            wrk(base + byline.content[path], 4, 2)  # warm: the cache holds every page
        with MemorySampler(pid) as memory:
            for path in ("target", "home", "feed"):
                for conns in CONNS:
                    row = {"page": path, **wrk(base + byline.content[path], conns)}
                    result["reads"].append(row)
                    say(line(f"{label} {path} (cached)", row))
            result["comments"] = write_comments(base, byline, COMMENT_WRITERS, COMMENT_SECONDS)
            say(f"  {label} comment POSTs: {result['comments']['accepted_per_s']}/s, "
                f"verified={result['comments']['verified']}")  # fmt: skip
            result["likes"] = like_toggles(base, byline, COMMENT_WRITERS, COMMENT_SECONDS)
            say(f"  {label} like toggles: {result['likes']['toggles_per_s']}/s, "
                f"verified={result['likes']['verified']}")  # fmt: skip
        result["memory_during"] = memory.summary()
        result["memory_after"] = {str(p): mb(memory_kb(p)[0]) for p in process_tree(pid)}
    with byline.serve(BYLINE_PAGE_CACHE_SECONDS="0") as (base, pid):
        wrk(base + byline.content["target"], 4, 2)
        with MemorySampler(pid) as memory:
            for conns in CONNS:
                row = {"page": "target", **wrk(base + byline.content["target"], conns)}
                result["cold"].append(row)
                say(line(f"{label} target (cache off)", row))
        result["memory_cold"] = memory.summary()
    if static_limit:
        with nginx_serving(html) as url:
            result["static"] = []
            if url:
                wrk(url, 4, 2)
                for conns in CONNS:
                    row = wrk(url, conns)
                    result["static"].append(row)
                    say(line("nginx, the saved target page", row))
    shutil.rmtree(byline.data_dir, ignore_errors=True)
    return result


def line(what: str, row: dict) -> str:
    return (f"  {what:34} c{row['conns']:<3} {row['rps']:9.1f} req/s  p50 {row['p50_ms']:8.2f} ms"
            f"  p99 {row['p99_ms']:8.2f} ms  errors {row['errors']}")  # fmt: skip


def machine() -> dict:
    cpu = next((x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                if x.startswith("model name")), platform.processor())  # fmt: skip
    memory = int(next(x.split()[1] for x in Path("/proc/meminfo").read_text().splitlines()
                      if x.startswith("MemTotal")))  # fmt: skip
    import django
    import granian

    version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)  # noqa: S607
    return {
        "host": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory / 1024 / 1024, 1),
        "python": platform.python_version(), "django": django.get_version(),
        "granian": granian.__version__,
        "wrk": (version.stdout or version.stderr).split("\n")[0][:60],
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare-servers", action="store_true",
                        help="Measure the candidate servers instead (bench/README.md).")  # fmt: skip
    parser.add_argument("--rewrite-report", action="store_true",
                        help="Write latest.md again from latest.json, with the import figures "
                             "bench/import_speed.py left in import.json; measure nothing.")  # fmt: skip
    args = parser.parse_args()
    if args.rewrite_report:
        return rewrite_report()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it (apt-get install wrk).")
    if args.compare_servers:
        from bench.servers import compare

        return compare(Byline, wrk, write_comments, MemorySampler, say, line)
    report = {"stamp": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
              "settings": {"duration_s": DURATION, "conns": CONNS, "workers": WORKERS,
                           "comment_writers": COMMENT_WRITERS,
                           "comment_seconds": COMMENT_SECONDS}, "passes": []}  # fmt: skip
    report["passes"].append(measure_byline("SQLite", {}, static_limit=True))
    if answers("127.0.0.1", 5432) and answers("127.0.0.1", 6379):
        import redis

        from tests.servers import fresh_postgres_database

        redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}").flushdb()
        with fresh_postgres_database("postgres://postgres@127.0.0.1:5432/postgres") as url:
            env = {"DATABASE_URL": url, "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}"}
            report["passes"].append(measure_byline("PostgreSQL + Redis", env, static_limit=False))
    else:
        say("== PostgreSQL + Redis: not measured (nothing answers on 127.0.0.1:5432 and :6379)")
    folder = wordpress_folder()
    report["wordpress"] = {"skipped": "not installed: see ../shared/anchors/wordpress/README.md"}
    if folder:
        with wordpress_running(folder) as up:
            report["wordpress"] = measure_wordpress(folder) if up else {
                "skipped": f"installed in {folder}, but it did not start (services.sh)"}  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    save_report(report)
    verified = all(p["comments"]["verified"] and p["likes"]["verified"] for p in report["passes"])
    return 0 if verified else 1


def save_report(report: dict) -> None:
    """Write latest.json and latest.md, with bench/import_speed.py's figures when it has run."""
    from bench.report import write

    imported = RESULTS / "import.json"
    if imported.exists():
        report["import"] = json.loads(imported.read_text())
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    markdown = write(report)
    (RESULTS / "latest.md").write_text(markdown)
    say("\n" + markdown)


def rewrite_report() -> int:
    save_report(json.loads((RESULTS / "latest.json").read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
