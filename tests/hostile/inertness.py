"""Check that a fragment of a rendered page holds nothing a browser would run."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.hostile.xss_payloads import DANGEROUS_SCHEMES, DANGEROUS_TAGS

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "data", "background", "srcdoc"}


def problems_in(fragment) -> list[str]:
    """Return what could run in this part of a page: tags, handlers, script URLs."""
    found = []
    for element in fragment.find_all(True):
        if element.name in DANGEROUS_TAGS:
            found.append(f"<{element.name}> element")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{name} handler on <{element.name}>")
            if name.lower() == "style":
                found.append(f"style attribute on <{element.name}>")
            squashed = "".join(value.split()).lower()
            if name.lower() in URL_ATTRIBUTES and squashed.startswith(DANGEROUS_SCHEMES):
                found.append(f"{name}={value!r} on <{element.name}>")
    return found


def parse(html: str | bytes):
    return BeautifulSoup(html, "html.parser")
