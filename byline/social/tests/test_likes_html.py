"""The likes under a post, drawn in Python, are byte for byte what the template drew.

byline.social.likes_html replaced social/_likes.html for speed (it is the whole answer to
every like). The template, as it was, is kept in reference/ and rendered here beside
likes_html over the same likes: a guest and a reader, liked or not, no likes, one, and more
than ten faces, a picture, a blog link, and markup in names. Then the two pages that show
the section (the post page, and the htmx answer to a like) are checked to carry it as drawn.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template import Context, Engine
from django.test import RequestFactory

from byline.accounts.models import User
from byline.social import likes, likes_html
from byline.social.models import Like
from tests.factories import BlogFactory, UserFactory

from .liking import HTMX

REFERENCE = Engine(
    dirs=[str(Path(__file__).parent / "reference")],
    libraries={"blog_chrome": "byline.blogs.templatetags.blog_chrome"},
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def same_tokens(html: str) -> str:
    # Each csrf_token is masked afresh (against BREACH); any one of them is as good.
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


def as_the_template_drew_it(post, shown, request) -> str:
    context = {"post": post, "likes": shown, "user": request.user, "request": request}
    if request.user.is_authenticated:
        context["csrf_token"] = get_token(request)
    return REFERENCE.get_template("_likes.html").render(Context(context))


def drawn(post, shown, request) -> str:
    token = get_token(request) if request.user.is_authenticated else None
    return likes_html.section(post.pk, shown, token)


def liked_by(post, *people) -> None:
    for person in people:
        Like.add(person, post=post)


@pytest.fixture
def likers(db):
    """People whose faces carry every kind of value: markup, a picture, a blog, a full name."""
    mallory = UserFactory(username="mallory", display_name='"><img src=x onerror=alert(1)> & co')
    pictured = UserFactory(username="pictured", display_name="Pic Tured")
    User.objects.filter(pk=pictured.pk).update(avatar="avatars/pictured/abc123.png")
    named = UserFactory(username="named", display_name="", first_name="Ada", last_name="Byron")
    writer = UserFactory(username="wren", display_name="Wren Writer")
    BlogFactory(slug="wrens-nest", owner=writer)
    return [User.objects.get(pk=p.pk) for p in (mallory, pictured, named, writer)]


@pytest.mark.parametrize("how_many", [0, 1, 4, 14])
@pytest.mark.parametrize("viewer", ["guest", "charlie", "charlie liking it"])
def test_drawn_likes_match_the_template(post, likers, charlie, viewer, how_many):
    fans = [UserFactory(username=f"fan{n}", display_name=f"Fan {n}") for n in range(10)]
    everyone = fans + likers  # the likers last, so newest: their faces show
    liked_by(post, *everyone[len(everyone) - how_many :])
    if viewer == "charlie liking it":
        liked_by(post, charlie)
    asking = RequestFactory().get(post.get_absolute_url())
    asking.user = AnonymousUser() if viewer == "guest" else charlie

    shown = likes.of_post(post, asking.user)
    html = drawn(post, shown, asking)

    assert same_tokens(html) == same_tokens(as_the_template_drew_it(post, shown, asking))
    assert ("csrfmiddlewaretoken" in html) is (viewer != "guest")
    assert ("Liked</button>" in html) is (viewer == "charlie liking it")
    if how_many >= 4:  # the scenes the comparison must have covered
        for needle in (
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co",
            "Ada Byron",
            "/picture/abc123.png",
            'href="/wrens-nest/"',
            'href="/people/named/"',
        ):
            assert needle in html, needle
    if how_many == 14:
        assert '<li class="likes-more">and ' in html


def test_the_post_page_and_the_like_answer_carry_the_section_as_drawn(
    signed_in, charlie, post, likers
):
    liked_by(post, *likers)
    asking = RequestFactory().get("/")
    asking.user = charlie
    reader = signed_in(charlie)

    page = reader.get(post.get_absolute_url()).content.decode()
    assert same_tokens(drawn(post, likes.of_post(post, charlie), asking)) in same_tokens(page)

    answer = reader.post(f"/read/like/post/{post.pk}/", {"action": "like"}, **HTMX)
    shown = likes.of_post(post, charlie)
    assert shown.liked and shown.count == 5
    assert same_tokens(answer.content.decode()) == same_tokens(drawn(post, shown, asking))
    assert answer["Content-Type"] == "text/html; charset=utf-8"


def test_a_guest_page_shows_the_section_without_token(guest, post, likers):
    liked_by(post, *likers)
    page = guest.get(post.get_absolute_url()).content.decode()
    asking = RequestFactory().get("/")
    asking.user = AnonymousUser()
    assert drawn(post, likes.of_post(post, AnonymousUser()), asking) in page
