"""With the page cache on: guests get the same page, likes show at once, nothing personal leaks."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.pagecache.tests.reading import cache_state
from byline.social import following
from byline.social.models import Like

from .liking import like_button, likes_line, parsed, press_follow, press_like


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")


def read(address: str):
    """Read as a new guest, twice: the second answer comes from the cache."""
    Client().get(address)
    response = Client().get(address)
    assert cache_state(response) == "hit", address
    return response


def test_a_like_shows_to_the_next_guest_at_once(signed_in, charlie, post):
    assert likes_line(read(post.get_absolute_url())) == "Be the first to like this."
    reader = signed_in(charlie)
    press_like(reader, reader.get(post.get_absolute_url()))

    assert likes_line(read(post.get_absolute_url())) == "1 blogger likes this:"

    Like.remove(charlie, post=post)
    assert likes_line(read(post.get_absolute_url())) == "Be the first to like this."


def test_the_cached_page_has_no_one_s_like_follow_or_bell(signed_in, charlie, post, demo_blog):
    Like.add(charlie, post=post)
    following.follow(charlie, demo_blog)
    signed_in(charlie).get(post.get_absolute_url())  # the liker's own visit: never cached

    page = read(post.get_absolute_url())

    assert like_button(page) == "★ Log in to like"
    assert parsed(page).select_one(".follow-button").get_text() == "Follow"
    text = page.content.decode()
    for personal in ("Liked", "Following", "csrfmiddlewaretoken", "/notifications/", "Reader"):
        assert personal not in text
    assert parsed(page).select_one("a.bell") is None
    assert [img["alt"] for img in parsed(page).select(".likers img")] == ["Charlie Outsider"]


def test_signed_in_reader_sees_their_own_state(signed_in, charlie, post, demo_blog):
    read(post.get_absolute_url())
    Like.add(charlie, post=post)
    following.follow(charlie, demo_blog)

    mine = signed_in(charlie).get(post.get_absolute_url())

    assert cache_state(mine) is None
    assert like_button(mine) == "★ Liked"
    assert parsed(mine).select_one(".follow-button").get_text() == "Following"


def test_a_guest_presses_like_and_follow_on_a_cached_page(post):
    guest = Client(enforce_csrf_checks=True)  # the cached page carries no token
    guest.get(post.get_absolute_url())
    page = guest.get(post.get_absolute_url())
    assert cache_state(page) == "hit"

    assert press_like(guest, page).status_code == 302  # on to sign in
    assert press_follow(guest, page).status_code == 302
    assert not Like.objects.exists()
