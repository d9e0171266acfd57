"""How the tests read what a reader gets: parsed HTML, and the list of post titles on it."""

from __future__ import annotations

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone


def html(response) -> BeautifulSoup:
    """Return the response's body parsed as HTML."""
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response) -> list[str]:
    """Return the titles of the posts a listing page shows, top to bottom."""
    return [h.get_text(strip=True) for h in html(response).select("article .entry-title")]


def ago(**delta) -> datetime.datetime:
    """Return the moment that long before now, such as ago(days=2)."""
    return timezone.now() - datetime.timedelta(**delta)
