"""How the dashboard tests read pages and fill the editor the way a browser would."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def url(name: str, blog, **kwargs) -> str:
    return reverse(f"dashboard:{name}", kwargs={"blog": blog.slug, **kwargs})


def edit_url(post) -> str:
    return url("edit", post.blog, kind=post.kind, pk=post.pk)


def form_data(response, form_id: str = "editor-form") -> dict:
    """Return what the browser would send for the form as the page shows it (no button)."""
    form = parsed(response).find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.name == "button" or field.get("type") in ("submit", "button"):
            continue
        if field.name == "textarea":
            value = field.text.removeprefix("\n")  # browsers drop one leading newline, too
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            value = chosen.get("value", chosen.text) if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if not field.has_attr("checked"):
                continue
            value = field.get("value", "on")
        else:
            value = field.get("value", "")
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data


def messages_on(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in parsed(response).select(".messages li")]


def errors_on(response) -> dict[str, list[str]]:
    """Return each field's error messages as the page shows them, by field name."""
    found: dict[str, list[str]] = {}
    for div in parsed(response).select("div.field.has-error"):
        name = next(c for c in div["class"] if c.startswith("field-")).removeprefix("field-")
        found[name] = [p.get_text(strip=True) for p in div.select(".field-error")]
    return found
