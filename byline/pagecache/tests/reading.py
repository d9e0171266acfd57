"""How the page cache tests read an answer."""

from __future__ import annotations

from bs4 import BeautifulSoup

from byline.pagecache.middleware import HEADER


def cache_state(response) -> str | None:
    """Return "hit" or "miss" for an answer the page cache gave, else None."""
    return response.headers.get(HEADER)


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def comment_texts(response) -> list[str]:
    return [c.get_text(" ", strip=True) for c in parsed(response).select(".comment-content")]
