"""axe-core finds no serious or critical accessibility problem on the reading pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
PAGES = [
    "platform home",
    "blog home",
    "post",
    "page",
    "year archive",
    "category archive",
    "search",
    "blog 404",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_serious_accessibility_violations(kind, page, demo_pages, axe):
    page.goto(demo_pages[kind])
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    report = "".join(results.generate_report(v["id"]) for v in blocking)
    assert not blocking, f"{kind} ({demo_pages[kind]}):\n{report}"
