"""Check that a fragment of a rendered page holds nothing a browser would run."""

from __future__ import annotations

import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from tests.hostile.xss_payloads import DANGEROUS_SCHEMES, DANGEROUS_TAGS

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "data", "background", "srcdoc"}


def problems_in(fragment, allow: set[str] = frozenset()) -> list[str]:
    """Return what could run in this part of a page: tags, handlers, script URLs.

    `allow` names tags the field may hold (a post's body may show an <img>); their
    attributes are still checked.
    """
    found = []
    for element in fragment.find_all(True):
        if element.name in DANGEROUS_TAGS - allow:
            found.append(f"<{element.name}> element")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"{name} handler on <{element.name}>")
            if name.lower().startswith(("hx-", "data-hx-")):
                # htmx on the page would act on it: requests, swaps, hx-on code.
                found.append(f"{name} (htmx) on <{element.name}>")
            if name.lower() == "style":
                found.append(f"style attribute on <{element.name}>")
            squashed = "".join(value.split()).lower()
            if name.lower() in URL_ATTRIBUTES and squashed.startswith(DANGEROUS_SCHEMES):
                found.append(f"{name}={value!r} on <{element.name}>")
    return found


def parse(html: str | bytes):
    with warnings.catch_warnings():
        # A fragment may be just an address ("javascript:alert(1)"): that is input, not a URL.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "html.parser")
