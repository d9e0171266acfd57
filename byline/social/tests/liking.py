"""How the social tests press the buttons and read the pages, as a reader's browser would."""

from __future__ import annotations

from bs4 import BeautifulSoup

HTMX = {"HTTP_HX_REQUEST": "true"}


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def likes_block(response):
    """Return the likes section of a post page (or of an htmx answer)."""
    block = parsed(response).find(id="likes")
    assert block is not None, response.content.decode()[:2000]
    return block


def likes_line(response) -> str:
    return likes_block(response).select_one(".likes-count").get_text(strip=True)


def like_button(response) -> str:
    return likes_block(response).select_one("button.like-button").get_text(" ", strip=True)


def liker_names(response) -> list[str]:
    return [img["alt"] for img in likes_block(response).select(".likers img")]


def press_like(client, response, **extra):
    """Send the Like form of a post page as it is (with its token and action)."""
    form = likes_block(response).find("form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    return client.post(form["action"], fields, **extra)


def follow_form(response, slug: str = "demo"):
    return parsed(response).find(id=f"follow-{slug}")


def press_follow(client, response, slug: str = "demo", **extra):
    form = follow_form(response, slug).find("form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    return client.post(form["action"], fields, **extra)
