"""Steps the sign-in tests share: click an icon on a post, come back from the provider."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.oidc import sign_in_at_provider

PASSWORD = "correct horse battery staple"  # noqa: S105 - every factory-made account's password


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def click_icon(client, post, value: str, comment: str = "", parent: str = "", path: str = ""):
    """Press a sign-in icon of the post's comment form, with whatever was typed in it."""
    path = path or post.get_absolute_url()
    page = parsed(client.get(path))
    button = page.select_one(f"#commentform button[name=sign_in][value='{value}']")
    assert button is not None, f"no {value!r} icon on {path}"
    fields = {"comment": comment, "parent": parent, "sign_in": value}
    return client.post(button["formaction"], fields)


def authorize_url(connecting) -> str:
    """Return the provider address the "Connecting to …" page moves on to."""
    assert connecting.status_code == 200
    return parsed(connecting).select_one("#continue-sign-in")["href"]


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def come_back(client, callback_url: str):
    """Follow the provider's redirect back to Byline's callback with the test client."""
    parts = urlsplit(callback_url)
    assert parts.netloc == "testserver", callback_url
    return client.get(f"{parts.path}?{parts.query}")


def sign_in_with_loopback(client, post, comment: str = "", parent: str = ""):
    """Click the Loopback ID icon, sign in there, and return Byline's answer to the callback."""
    connecting = click_icon(client, post, "loopback", comment, parent)
    return come_back(client, sign_in_at_provider(authorize_url(connecting)))


def login_url() -> str:
    return reverse("account_login")


def typed_comment(response) -> str:
    """Return the text in the comment box, as a browser shows it (no leading newline)."""
    return parsed(response).select_one("#id_comment").get_text().removeprefix("\n")


def log_in(client, login: str, password: str = PASSWORD, next_url: str = ""):
    """Log in through Byline's own form, as a reader types it."""
    address = f"/accounts/login/?next={next_url}" if next_url else "/accounts/login/"
    return client.post(address, {"login": login, "password": password})
