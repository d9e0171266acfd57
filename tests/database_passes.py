"""Which tests the PostgreSQL pass of scripts/run_tests.py runs: those that query its database.

The suite runs twice, on SQLite and then on PostgreSQL. A test earns its second run only if
the database can change its outcome. With `--database-tests-only` (the PostgreSQL pass), a
test is collected when:

1. it uses pytest-django's database (the `db` or `transactional_db` fixture, anything built
   on them such as a persona, or the `django_db` mark): pytest-django refuses every query
   from any other test, so no other test in this process can reach the database; or
2. a server, worker or command it starts is given the pass's database: that goes through
   tests.servers.fresh_postgres_database, so its module, one of its fixtures, or a test
   helper it imports calls that function; or
3. it is under tests/multi (clusters on PostgreSQL, which only this pass runs), or carries
   the `pass_database` mark.

Except: browser tests (the `browser` mark) and the page checks of tests/browser (Nu HTML
Checker, axe) run in the SQLite pass only, unless marked `pass_database`. What they judge is
what Chromium or a validator makes of the pages (layout, scripts, focus, CSP, markup); the
queries behind those pages are the views', which run in both passes through Django's test
client. A browser test whose point is the database (fifty comments sent at once) carries
`pass_database`.

Everything else (parsers, renderers, settings read in a child process, servers that keep
their own SQLite file whatever the pass) gives the same answer on both passes, so it runs
once, in the SQLite pass. None of it is skipped: it is not collected, and run_tests.py
prints how many tests ran in one pass only.
"""

from __future__ import annotations

import inspect
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server"}  # fmt: skip
HANDS_OVER = "fresh_postgres_database("


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="Collect only the tests that query the database under test "
        "(the PostgreSQL pass of scripts/run_tests.py; see tests/database_passes.py).",
    )  # fmt: skip


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pass_database: runs in both passes although it would not by the rules of "
        "tests/database_passes.py (a browser test whose point is the database)",
    )  # fmt: skip


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if queries_the_database(item)]
    if len(kept) < len(items):
        chosen = set(kept)
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = kept


def queries_the_database(item) -> bool:
    path = Path(str(item.path)).resolve()
    if item.get_closest_marker("pass_database") or path.is_relative_to(ROOT / "tests/multi"):
        return True
    if item.get_closest_marker("browser") or path.is_relative_to(ROOT / "tests/browser"):
        return False
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if item.get_closest_marker("django_db") or _is_django_test_case(item):
        return True
    return any(_hands_over_the_database(name) for name in _modules_behind(item))


def _is_django_test_case(item) -> bool:
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def _modules_behind(item) -> set[str]:
    """The test's module, its fixtures' modules, and the test helpers its module imports."""
    module = getattr(item, "module", None)
    names = {module.__name__} if module else set()
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        names.update(d.func.__module__ for d in definitions)
    for value in vars(module).values() if module else ():
        found = value if inspect.ismodule(value) else inspect.getmodule(value)
        if found is not None:
            names.add(found.__name__)
    return {n for n in names if n.startswith(("tests.", "byline.")) and n != "tests.servers"}


@cache
def _hands_over_the_database(module_name: str) -> bool:
    module = sys.modules.get(module_name)
    source = getattr(module, "__file__", None)
    if not source or not source.endswith(".py"):
        return False
    return HANDS_OVER in Path(source).read_text()
