"""Line-by-line differences between two texts, for the revisions and conflict pages."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "removed" or "added"
    text: str


def line_diff(old: str, new: str, context: int = 3) -> list[Line | None]:
    """Return the lines that differ, with `context` unchanged lines around each change.

    None stands for unchanged lines left out, shown as a gap.
    """
    a, b = (old or "").splitlines(), (new or "").splitlines()
    lines: list[Line | None] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(Line("same", text) for text in a[i1:i2])
                continue
            lines.extend(Line("removed", text) for text in a[i1:i2])
            lines.extend(Line("added", text) for text in b[j1:j2])
    return lines


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[Line | None]


def compare(old, new, fields: list[tuple[str, str]]) -> list[FieldDiff]:
    """Return the differences of each named field between two objects, changed fields only."""
    return [
        FieldDiff(label, line_diff(getattr(old, name, ""), getattr(new, name, "")))
        for name, label in fields
        if (getattr(old, name, "") or "") != (getattr(new, name, "") or "")
    ]
