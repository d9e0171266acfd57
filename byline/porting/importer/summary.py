"""What an import did, for the terminal, the dashboard and the job row: counts and notes."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

MAX_NOTES = 500
ORDER = ["authors", "categories", "tags", "posts", "pages", "attachments", "comments",
         "menus", "menu items", "other items"]  # fmt: skip


@dataclass
class Summary:
    """What an import did: counts per kind of thing and outcome, and the reasons why."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    notes: list[str] = field(default_factory=list)
    more_notes: int = 0

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[kind][outcome] += n

    def note(self, text: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text)
        else:
            self.more_notes += 1

    def count(self, kind: str, outcome: str = "imported") -> int:
        return self.counts.get(kind, Counter()).get(outcome, 0)

    def as_dict(self) -> dict:
        return {kind: dict(outcomes) for kind, outcomes in self.counts.items()}

    def lines(self) -> list[str]:
        """Return the summary as lines for a terminal or a page."""
        lines = []
        for kind in ORDER:
            outcomes = self.counts.get(kind)
            if outcomes:
                parts = ", ".join(f"{n:,} {outcome}" for outcome, n in sorted(outcomes.items()))
                lines.append(f"{kind}: {parts}")
        lines += [f"- {note}" for note in self.notes]
        if self.more_notes:
            lines.append(f"- … and {self.more_notes:,} more notes like these.")
        return lines


@dataclass
class Progress:
    done: int
    total: int
    comments: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


def elapsed(seconds: float) -> str:
    return str(datetime.timedelta(seconds=int(seconds)))
