"""How fast a big WordPress export imports (issue #7): `make bench` runs it, or alone:

    .venv/bin/python bench/import_speed.py                  # 10,000 posts, 100,000 comments
    BENCH_IMPORT_POSTS=1000 BENCH_IMPORT_COMMENTS=10000 .venv/bin/python bench/import_speed.py

It writes a synthetic WXR file (byline.porting.synthetic), then, on SQLite and on
PostgreSQL when it answers on 127.0.0.1:5432 (a fresh database, dropped afterwards), runs
`byline import wordpress FILE --blog bench --create` in a fresh data directory exactly as
a user would, and measures the wall time of that process (Django's start-up included),
posts and comments per second, and its peak memory: the kernel's own high-water mark of
its resident set (ru_maxrss from wait4), with /proc samples every 0.2 s beside it. It
then counts the rows in the database, so a fast import that lost something fails.
Results: bench/results/import.md and import.json. Targets: under 60 s, under 300 MB.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BYLINE = BIN / "byline"
RESULTS = HERE / "results"

POSTS = int(os.environ.get("BENCH_IMPORT_POSTS", "10000"))
COMMENTS = int(os.environ.get("BENCH_IMPORT_COMMENTS", "100000"))
PAGES, ATTACHMENTS = 50, 200
TARGET_SECONDS, TARGET_MB = 60, 300
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def say(*parts) -> None:
    print(*parts, flush=True)  # noqa: T201 - a command-line tool


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(x.split()[1]) for x in f if x.startswith("VmRSS:")), 0)
    except OSError:
        return 0


class Sampler:
    """Sample a process's resident set every 0.2 s while it runs."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, rss_kb(self.pid))
            self._stop.wait(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


def generate(folder: Path) -> Path:
    path = folder / f"synthetic-{POSTS}-{COMMENTS}.xml"
    say(f"Writing a WXR file of {POSTS:,} posts and {COMMENTS:,} comments…")
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "byline.porting.synthetic", "--posts", str(POSTS),
         "--comments", str(COMMENTS), "--pages", str(PAGES),
         "--attachments", str(ATTACHMENTS), "-o", str(path)],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return path


class DataDir:
    """A fresh, migrated data directory with one administrator, for one database."""

    def __init__(self, label: str, env: dict):
        self.path = Path(tempfile.mkdtemp(prefix=f"byline-import-{label}-"))
        unset = ("DATABASE_URL", "REDIS_URL")
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("BYLINE_") and k not in unset}  # fmt: skip
        # The owner of the imported blog: a throwaway account in a throwaway data directory.
        self.env.update(env, BYLINE_DATA_DIR=str(self.path))
        self.env["DJANGO_SUPERUSER_PASSWORD"] = "bench-only"  # noqa: S105
        self.byline("migrate", "-v0")
        self.byline("createsuperuser", "--noinput", "--username", "bench",
                    "--email", "bench@example.com")  # fmt: skip

    def byline(self, *args: str) -> str:
        done = subprocess.run([str(BYLINE), *args], env=self.env, cwd=self.path,  # noqa: S603
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"byline {' '.join(args)}: {done.stderr}")
        return done.stdout

    def counts(self) -> dict:
        code = (
            "import json; from byline.posts.models import Post; "
            "from byline.comments.models import Comment; "
            "from byline.media.models import MediaItem; "
            "print(json.dumps({'posts': Post.objects.filter(kind='post').count(), "
            "'pages': Post.objects.filter(kind='page').count(), "
            "'comments': Comment.objects.count(), 'attachments': MediaItem.objects.count()}))"
        )
        return json.loads(self.byline("shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def measure(label: str, env: dict, wxr_file: Path) -> dict:
    say(f"== {label}")
    data = DataDir(label.lower(), env)
    try:
        command = [str(BYLINE), "import", "wordpress", str(wxr_file), "--blog", "bench",
                   "--create", "--owner", "bench"]  # fmt: skip
        log = data.path / "import.log"
        started = time.monotonic()
        with log.open("w") as out:
            process = subprocess.Popen(command, env=data.env, cwd=data.path,  # noqa: S603
                                       stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        sampler = Sampler(process.pid)
        # wait4 hands back the child's own rusage: ru_maxrss is its peak RSS in kB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        output = log.read_text()
        if process.returncode:
            raise RuntimeError(f"the import failed:\n{output[-3000:]}")
        counts = data.counts()
        expected = {"posts": POSTS, "pages": PAGES, "comments": COMMENTS,
                    "attachments": ATTACHMENTS}  # fmt: skip
        result = {
            "database": label,
            "seconds": round(seconds, 1),
            "posts_per_s": round(counts["posts"] / seconds),
            "comments_per_s": round(counts["comments"] / seconds),
            "items_per_s": round(
                (counts["posts"] + counts["pages"] + counts["attachments"]) / seconds
            ),  # fmt: skip
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "sampled_rss_max_mb": round(sampler.peak_kb / 1024, 1),
            "cpu_user_s": round(usage.ru_utime, 1),
            "cpu_system_s": round(usage.ru_stime, 1),
            "counts": counts,
            "complete": counts == expected,
            "summary": [x for x in output.splitlines() if ":" in x and "items (" not in x][-12:],
        }
        result["within_targets"] = (
            result["complete"] and seconds < TARGET_SECONDS and result["peak_rss_mb"] < TARGET_MB
        )
        say(f"   {seconds:.1f} s · {result['posts_per_s']:,} posts/s · "
            f"{result['comments_per_s']:,} comments/s · peak {result['peak_rss_mb']} MB · "
            f"{'complete' if result['complete'] else f'INCOMPLETE {counts}'}")  # fmt: skip
        return result
    finally:
        shutil.rmtree(data.path, ignore_errors=True)


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((x.split(":", 1)[1].strip() for x in cpuinfo if x.startswith("model name")),
               platform.processor())  # fmt: skip
    memory = int(next(x.split()[1] for x in Path("/proc/meminfo").read_text().splitlines()
                      if x.startswith("MemTotal")))  # fmt: skip
    import django

    info = {
        "host": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory / 1024 / 1024, 1),
        "python": platform.python_version(), "django": django.get_version(),
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
    }  # fmt: skip
    with contextlib.suppress(Exception):
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    with contextlib.suppress(Exception):
        import psycopg

        with psycopg.connect(POSTGRES, connect_timeout=2) as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    return info


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# WordPress import speed",
        "",
        f"{report['stamp']} · `bench/import_speed.py` · {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']} GB · {m['host']} · Python {m['python']}, Django {m['django']}"
        + (f", SQLite {m['sqlite']}" if m.get("sqlite") else "")
        + (f", PostgreSQL {m['postgresql']}" if m.get("postgresql") else "")
        + f" · load at start {' '.join(m['loadavg_at_start'])}",
        "",
        f"A synthetic WXR file ({report['file']['mb']} MB): {POSTS:,} posts, "
        f"{COMMENTS:,} threaded comments, {PAGES} pages, {ATTACHMENTS} attachments, imported "
        "by `byline import wordpress --create` into a fresh data directory. Wall time of the "
        "whole command; peak memory is the process's maximum resident set (ru_maxrss). "
        f"Targets: under {TARGET_SECONDS} s and under {TARGET_MB} MB.",
        "",
        "| Database | Wall time | Posts/s | Comments/s | Peak RSS | CPU (user+sys) | "
        "Everything imported | Within targets |",
        "|---|---:|---:|---:|---:|---:|:---:|:---:|",
    ]
    for r in report["runs"]:
        lines.append(
            f"| {r['database']} | {r['seconds']} s | {r['posts_per_s']:,} | "
            f"{r['comments_per_s']:,} | {r['peak_rss_mb']} MB | "
            f"{r['cpu_user_s'] + r['cpu_system_s']:.1f} s | "
            f"{'yes' if r['complete'] else 'no'} | {'yes' if r['within_targets'] else 'no'} |"
        )
    for skipped in report.get("skipped", []):
        lines.append(f"\n{skipped}")
    return "\n".join(lines) + "\n"


def main() -> int:
    report = {"stamp": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
              "settings": {"posts": POSTS, "comments": COMMENTS, "pages": PAGES,
                           "attachments": ATTACHMENTS, "target_seconds": TARGET_SECONDS,
                           "target_mb": TARGET_MB}, "runs": [], "skipped": []}  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="byline-import-bench-"))
    try:
        wxr_file = generate(folder)
        report["file"] = {"mb": round(wxr_file.stat().st_size / 1024 / 1024, 1)}
        report["runs"].append(measure("SQLite", {}, wxr_file))
        if answers("127.0.0.1", 5432):
            from tests.servers import fresh_postgres_database

            with fresh_postgres_database(POSTGRES) as url:
                report["runs"].append(measure("PostgreSQL", {"DATABASE_URL": url}, wxr_file))
        else:
            report["skipped"].append(
                "PostgreSQL: not measured (nothing answers on 127.0.0.1:5432)."
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2) + "\n")
    text = markdown(report)
    (RESULTS / "import.md").write_text(text)
    say("\n" + text)
    return 0 if all(r["within_targets"] for r in report["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
