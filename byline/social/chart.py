"""The stats page's bar chart, as plain numbers for an inline SVG (no script, no library)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, GAP = 600, 160, 2


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "March 4: 12 views", for the bar's <title> and the table below


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    peak: int


def bars(days: list, width: int = WIDTH, height: int = HEIGHT) -> Chart:
    """Return one bar per day, scaled so the busiest day fills the height."""
    peak = max((d.views for d in days), default=0)
    step = width / max(1, len(days))
    out = []
    for i, day in enumerate(days):
        h = round(height * day.views / peak, 1) if peak else 0
        views = "1 view" if day.views == 1 else f"{day.views} views"
        out.append(Bar(x=round(i * step, 1), y=round(height - h, 1), width=round(step - GAP, 1),
                       height=h, label=f"{day.day:%B} {day.day.day}: {views}"))  # fmt: skip
    return Chart(bars=out, width=width, height=height, peak=peak)
