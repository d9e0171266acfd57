"""Judge a whole page (not one fragment) for anything a stranger's text could make run.

The site's own templates hold no inline script, handler or style (byline/security/tests/
test_headers.py scans them), so any of those in a drawn page came from someone's input.
Forms, inputs and links are the site's own; a payload that smuggled one in shows as more
of them than the same page drawn with harmless text (the baseline).
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

from tests.hostile.inertness import URL_ATTRIBUTES, parse
from tests.hostile.xss_payloads import DANGEROUS_SCHEMES, DANGEROUS_TAGS

# Elements Byline's own pages use (the bell and the stats chart are inline SVG); any other
# dangerous one came from input.
SITE_TAGS = {"script", "form", "input", "button", "select", "textarea", "link", "meta", "img",
             "title", "body", "details", "svg"}  # fmt: skip
COUNTED = SITE_TAGS - {"img", "details"}  # a post's body may hold those two


def page_problems(html) -> list[str]:
    """Return what in this page could run, or be a smuggled control, whatever its place.

    `html` is the page's text, or the page already parsed (one parse serves every check).
    """
    found = []
    soup = html if hasattr(html, "find_all") else parse(html)
    for element in soup.find_all(True):
        name = element.name
        if name in DANGEROUS_TAGS - SITE_TAGS:
            found.append(f"<{name}> element")
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            low = attribute.lower()
            if low.startswith("on"):
                found.append(f"{attribute} handler on <{name}>")
            if low == "style":
                found.append(f"style attribute on <{name}>")
            if low in URL_ATTRIBUTES and "".join(value.split()).lower().startswith(
                DANGEROUS_SCHEMES
            ):
                found.append(f"{attribute}={value!r} on <{name}>")
            if low.startswith(("hx-", "data-hx-")) and ("xss" in value or "alert" in value):
                found.append(f"{attribute}={value!r} (htmx) on <{name}>")
        if name == "script":
            if element.get("type") == "application/ld+json":
                text = element.string or ""
                if "<" in text:
                    found.append("markup inside the JSON-LD block")
                json.loads(text)  # data, whole: nothing broke out of it
            elif not element.get("src", "").startswith("/static/"):
                found.append(f"script {element.get('src')!r}")
        if name == "meta" and element.has_attr("http-equiv"):
            found.append("<meta http-equiv>")
        if name == "link" and urlsplit(element.get("href", "")).netloc not in ("", "testserver"):
            found.append(f"<link href={element['href']!r}>")  # a stylesheet from elsewhere
    return found


def control_counts(html) -> Counter:
    soup = html if hasattr(html, "find_all") else parse(html)
    return Counter(e.name for e in soup.find_all(COUNTED))


def smuggled(html, baseline) -> list[str]:
    """Return the site elements this page has more of than its harmless twin."""
    mine, theirs = control_counts(html), control_counts(baseline)
    return [f"{n - theirs[tag]} more <{tag}>" for tag, n in mine.items() if n > theirs[tag]]
