"""A signed-in reader likes a post, sees it counted and shown as "Liked", and takes it back."""

from __future__ import annotations

from byline.social.models import Like
from tests.factories import UserFactory

from .liking import HTMX, like_button, liker_names, likes_block, likes_line, parsed, press_like


def test_nobody_has_liked_a_new_post(guest, post):
    page = guest.get(post.get_absolute_url())
    assert likes_line(page) == "Be the first to like this."
    assert liker_names(page) == []


def test_reader_likes_a_post_and_comes_back_to_it_liked(signed_in, charlie, post):
    reader = signed_in(charlie)
    page = reader.get(post.get_absolute_url())
    assert like_button(page) == "★ Like"

    sent = press_like(reader, page)

    assert sent.status_code == 303
    assert sent["Location"] == f"{post.get_absolute_url()}#likes"
    page = reader.get(post.get_absolute_url())
    assert likes_line(page) == "1 blogger likes this:"
    assert like_button(page) == "★ Liked"
    assert liker_names(page) == ["Charlie Outsider"]
    assert Like.objects.filter(user=charlie, post=post).count() == 1


def test_liked_button_takes_the_like_back(signed_in, charlie, post):
    reader = signed_in(charlie)
    press_like(reader, reader.get(post.get_absolute_url()))

    press_like(reader, reader.get(post.get_absolute_url()))  # the "Liked" button

    page = reader.get(post.get_absolute_url())
    assert likes_line(page) == "Be the first to like this."
    assert like_button(page) == "★ Like"
    assert not Like.objects.exists()


def test_htmx_swaps_the_likes_in_place(signed_in, charlie, post):
    reader = signed_in(charlie)
    answer = press_like(reader, reader.get(post.get_absolute_url()), **HTMX)

    assert answer.status_code == 200
    block = likes_block(answer)
    assert block.parent.name == "[document]"  # only the block, to replace the old one
    assert likes_line(answer) == "1 blogger likes this:"
    assert like_button(answer) == "★ Liked"
    assert block.find("form")["data-hx-post"] == block.find("form")["action"]
    assert parsed(answer).find("script") is None  # htmx is on the page already


def test_liking_twice_counts_once(signed_in, charlie, post):
    reader = signed_in(charlie)
    page = reader.get(post.get_absolute_url())
    press_like(reader, page)
    press_like(reader, page)  # the same "Like" form, sent again (a double click)

    assert likes_line(reader.get(post.get_absolute_url())) == "1 blogger likes this:"
    assert Like.objects.count() == 1


def test_many_likers_show_ten_newest_faces_and_the_rest_as_a_number(guest, post, alice):
    for n in range(12):
        Like.add(UserFactory(username=f"fan{n}", display_name=f"Fan {n}"), post=post)

    page = guest.get(post.get_absolute_url())

    assert likes_line(page) == "12 bloggers like this:"
    assert liker_names(page) == [f"Fan {n}" for n in range(11, 1, -1)]
    assert likes_block(page).select_one(".likes-more").get_text() == "and 2 more"


def test_each_face_links_to_the_likers_blog_or_profile(guest, post, demo_blog, alice):
    writer = UserFactory(username="wren", display_name="Wren Writer")
    from tests.factories import BlogFactory

    BlogFactory(slug="wrens-nest", owner=writer)
    reader = UserFactory(username="rob", display_name="Rob Reader")
    Like.add(writer, post=post)
    Like.add(reader, post=post)

    links = {a.img["alt"]: a["href"] for a in likes_block(guest.get(post.get_absolute_url()))
             .select(".likers a")}  # fmt: skip
    assert links == {"Wren Writer": "/wrens-nest/", "Rob Reader": "/people/rob/"}


def test_guest_sees_a_button_that_asks_to_log_in(guest, post):
    page = guest.get(post.get_absolute_url())
    assert like_button(page) == "★ Log in to like"
    form = likes_block(page).find("form")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    assert not form.has_attr("data-hx-post")
