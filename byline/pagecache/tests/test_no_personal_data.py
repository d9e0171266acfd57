"""A cached page is the same for every anonymous reader: nobody's name, email or token is in it."""

from __future__ import annotations

import time

import time_machine
from django.test import Client
from django.urls import reverse

from byline.comments import spam
from byline.comments.models import DiscussionSettings
from byline.comments.tests.commenting import GUEST, fill_and_send
from tests.factories import PostFactory

from .reading import cache_state, parsed


def test_another_guest_never_sees_a_remembered_commenter(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, hold_first_comment=False)
    post = PostFactory(blog=demo_blog)
    sent = fill_and_send(guest, post, **GUEST, url="https://zoe.example", comment="Hello!",
                         remember="on")  # fmt: skip
    assert sent.status_code == 303 and guest.cookies["comment_author_email"].value

    guest.get(post.get_absolute_url())  # the commenter's own visit fills the cache
    stranger = Client().get(post.get_absolute_url())

    assert cache_state(stranger) == "hit"
    page = stranger.content.decode()
    assert "Hello!" in page  # the comment, its author's name and website are public
    for personal in ("zoe@example.test", "csrfmiddlewaretoken"):
        assert personal not in page
    form = parsed(stranger).find("form", id="commentform")
    for field in ("author", "email", "url"):
        assert not form.find("input", attrs={"name": field}).get("value")
    assert not form.find("input", attrs={"name": "remember"}).has_attr("checked")
    assert not stranger.cookies


def test_returning_guest_gets_their_details_from_the_fragment(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    fill_and_send(guest, post, **GUEST, url="https://zoe.example", comment="Hi", remember="on")

    page = parsed(guest.get(PostFactory(blog=demo_blog).get_absolute_url()))
    fragment = guest.get(page.find("form", id="commentform")["data-hx-get"])

    filled = parsed(fragment)
    assert filled.find("input", attrs={"name": "author"})["value"] == "Zoë Reader"
    assert filled.find("input", attrs={"name": "email"})["value"] == "zoe@example.test"
    assert filled.find("input", attrs={"name": "url"})["value"] == "https://zoe.example"
    assert filled.find("input", attrs={"name": "remember"}).has_attr("checked")
    for field in filled.find_all("input"):
        assert field["data-hx-swap-oob"] == "true" and field["id"]
    assert "no-store" in fragment["Cache-Control"]


def test_fragment_gives_a_fresh_form_token(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    guest.get(post.get_absolute_url())
    with time_machine.travel(time.time() + 600, tick=False):
        cached = parsed(guest.get(post.get_absolute_url()))
        fragment = parsed(guest.get(reverse("pagecache:reader")))

    def started(page) -> float:
        return spam.seconds_since(page.find("input", attrs={"name": "started"})["value"])

    with time_machine.travel(time.time() + 600, tick=False):
        assert started(cached) >= 600 and started(fragment) < 1
    assert fragment.find("input", attrs={"name": "author"}) is None


def test_signed_in_reader_gets_nothing_from_the_fragment(signed_in, charlie):
    assert signed_in(charlie).get(reverse("pagecache:reader")).status_code == 204


def test_new_guest_gets_only_a_token_so_nothing_typed_is_wiped(guest, demo_blog):
    fragment = parsed(guest.get(reverse("pagecache:reader")))
    assert [i["name"] for i in fragment.find_all("input")] == ["started"]
