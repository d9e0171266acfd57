"""A password-protected post asks for its password first, as it did on WordPress."""

from __future__ import annotations

from bs4 import BeautifulSoup

from byline.posts.models import PROTECTED_EXCERPT
from tests.factories import PostFactory


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def protected(blog):
    return PostFactory(blog=blog, title="Surprise", password="enter",
                       body_markdown="The party is on **Saturday**.")  # fmt: skip


def test_a_guest_sees_the_password_form_not_the_post(demo_blog, guest):
    post = protected(demo_blog)

    shown = page(guest.get(post.get_absolute_url()))

    assert shown.h1.get_text() == "Surprise"
    assert "Saturday" not in shown.get_text()
    form = shown.select_one("form.post-password-form")
    assert form.select_one("input[type=password]")["name"] == "post_password"
    assert shown.select_one("#comments, #respond") is None


def test_the_right_password_opens_the_post_and_is_remembered(demo_blog, guest):
    post = protected(demo_blog)

    response = guest.post(post.get_absolute_url(), {"post_password": "enter"})

    assert response.status_code == 303
    assert response["Location"] == post.get_absolute_url()
    opened = page(guest.get(post.get_absolute_url()))
    assert opened.select_one(".entry-content strong").get_text() == "Saturday"
    assert "enter" not in str(guest.cookies)  # the cookie holds a digest, never the password


def test_a_wrong_password_says_so(demo_blog, guest):
    post = protected(demo_blog)

    response = guest.post(post.get_absolute_url(), {"post_password": "guess"})

    assert response.status_code == 403
    assert "not the password" in page(response).select_one("[role=alert]").get_text()
    assert "Saturday" not in page(guest.get(post.get_absolute_url())).get_text()


def test_changing_the_password_locks_readers_out_again(demo_blog, guest):
    post = protected(demo_blog)
    guest.post(post.get_absolute_url(), {"post_password": "enter"})

    post.password = "another"  # noqa: S105
    post.save()

    assert "Saturday" not in page(guest.get(post.get_absolute_url())).get_text()


def test_listings_feeds_and_search_keep_the_body_hidden(demo_blog, guest):
    demo_blog.home_shows = demo_blog.HomeShows.FULL
    demo_blog.save()
    protected(demo_blog)

    for address in ("/demo/", "/demo/feed/", "/demo/?s=party"):
        body = guest.get(address).content.decode()
        assert "Saturday" not in body, address
    assert PROTECTED_EXCERPT in guest.get("/demo/").content.decode()
