"""Run Byline's whole test suite: on SQLite, then on PostgreSQL when it answers.

`make test` calls this. Without PostgreSQL the second pass is skipped with a message;
with CI=true a missing PostgreSQL is a failure, as are the tests that need Redis or
Chromium (tests/support.py). The last line totals both passes in the plain
"N passed, N failed, N skipped" form.

Which test runs in which pass (tests/database_passes.py has the rules and the reasons):
- The SQLite pass runs everything but tests/multi.
- The PostgreSQL pass (--database-tests-only) runs every test that can query the database
  under test: each one that uses pytest-django's database, each one that gives the pass's
  database to a server or command it starts (tests.servers.fresh_postgres_database), and
  tests/multi. So every query-level feature is proved on both databases.
- What cannot query it (parsers, renderers, settings, docs, servers on their own SQLite
  file) gives the same answer twice, and browser and validator tests judge what Chromium
  and the Nu checker make of pages whose queries the views' own tests run in both passes:
  these run in the SQLite pass only. They are not collected in the other pass, so they
  never count as skipped; the summary says how many ran in one pass only.

Each pass runs on two xdist workers, a whole module to a worker (module-scoped servers are
started once), slowest modules first (tests/run_order.py) so both workers end together.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest's junit output
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/byline"
IN_CI = os.environ.get("CI", "").lower() == "true"
ONLY_DATABASE = "--database-tests-only"  # tests/database_passes.py


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def run_pass(name: str, env: dict, extra_args: list[str]) -> tuple[int, dict, set[str]]:
    """Run one pass; return its exit code, its counts, and the names of the tests it ran."""
    print(f"\n==== Test pass: {name} ====", flush=True)
    report = Path(tempfile.mkdtemp()) / "junit.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist",
               "loadfile", "--no-loadscope-reorder", "--durations=15", f"--junitxml={report}",
               *extra_args]  # fmt: skip
    code = subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    names = set()
    if report.exists():
        suite = ET.parse(report).getroot()  # noqa: S314
        suites = [suite] if suite.tag == "testsuite" else list(suite)
        for s in suites:
            tests, skipped = int(s.get("tests", 0)), int(s.get("skipped", 0))
            failed = int(s.get("failures", 0)) + int(s.get("errors", 0))
            counts["failed"] += failed
            counts["skipped"] += skipped
            counts["passed"] += tests - skipped - failed
            names.update(f"{c.get('classname')}::{c.get('name')}" for c in s.iter("testcase"))
    if code == 5:
        print(f"{name}: no tests ran, which counts as a failure.")
        code = 1
    return code, counts, names


def print_one_pass_tests(sqlite: set[str], postgres: set[str]) -> None:
    """Say how many tests ran in one pass only, and why: none of them counts as skipped."""
    why = {
        "SQLite": "they cannot query the database under test, or they judge pages in a "
        "browser or validator (tests/database_passes.py)",
        "PostgreSQL": "tests/multi runs clusters of servers on PostgreSQL",
    }
    for name, only in (("SQLite", sqlite - postgres), ("PostgreSQL", postgres - sqlite)):
        if only:
            print(f"{len(only)} tests ran in the {name} pass only: {why[name]}.")


def main() -> int:
    args = sys.argv[1:]
    sqlite_only = "--sqlite-only" in args
    args = [a for a in args if a != "--sqlite-only"]
    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base_env.setdefault("BYLINE_DATA_DIR", tempfile.mkdtemp(prefix="byline-test-"))

    check = subprocess.call(  # noqa: S603
        [sys.executable, "-m", "byline", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT, env=base_env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    if check != 0:
        print("A model change has no migration: run `byline makemigrations`.")

    postgres_pass = not sqlite_only and answers("127.0.0.1", 5432)
    # tests/multi start clusters of servers on PostgreSQL and Redis whatever the pass: once is
    # enough, in the PostgreSQL pass when there is one.
    sqlite_args = [*args, "--ignore=tests/multi"] if postgres_pass else args
    results = [("SQLite", *run_pass("SQLite", base_env, sqlite_args))]
    skipped_passes = []
    if sqlite_only:
        skipped_passes.append("PostgreSQL pass (--sqlite-only)")
    elif postgres_pass:
        env = {**base_env, "DATABASE_URL": os.environ.get("BYLINE_TEST_POSTGRES", POSTGRES_URL)}
        results.append(("PostgreSQL", *run_pass("PostgreSQL", env, [*args, ONLY_DATABASE])))
    elif IN_CI:
        print("PostgreSQL does not answer on 127.0.0.1:5432, and CI=true requires it.")
        results.append(("PostgreSQL", 1, {"passed": 0, "failed": 1, "skipped": 0}, set()))
    else:
        skipped_passes.append("PostgreSQL pass (nothing answers on 127.0.0.1:5432)")

    print("\n==== Summary ====")
    for name, code, counts, _ in results:
        state = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"{name}: {counts['passed']} passed, {counts['failed']} failed, "
              f"{counts['skipped']} skipped: {state}")  # fmt: skip
    if len(results) == 2:
        print_one_pass_tests(results[0][3], results[1][3])
    for what in skipped_passes:
        print(f"Skipped: {what}")
    total = {k: sum(c[k] for _, _, c, _ in results) for k in ("passed", "failed", "skipped")}
    failed = any(code != 0 for _, code, _, _ in results) or check != 0
    if failed and total["failed"] == 0:
        total["failed"] = 1  # a pass that crashed before reporting still failed
    print(f"total: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
