"""Drafts, posts scheduled for later and private posts stay out of sight of non-members.

Every way in is checked: the post's address (404, not 403: a 403 would confirm the post
exists), listings, archives, search, feeds and sitemaps. Members of the blog read private
posts on the blog itself, but feeds and sitemaps are public copies and never carry them.
"""

import datetime

import pytest
import time_machine

from byline.posts.models import Category, Post, Tag
from byline.posts.tests.reading import html, listed_titles
from tests.factories import PageFactory, PostFactory

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)
HIDDEN = {
    "draft": (Post.Status.DRAFT, NOW - datetime.timedelta(hours=6)),
    "scheduled": (Post.Status.SCHEDULED, NOW + datetime.timedelta(hours=6)),
    "private": (Post.Status.PRIVATE, NOW - datetime.timedelta(hours=6)),
}
LISTINGS = [
    "/demo/",
    "/demo/2026/",
    "/demo/2026/06/15/",
    "/demo/category/walks/",
    "/demo/tag/rain/",
    "/demo/author/alice/",
    "/demo/?s=lighthouse",
]
PUBLIC_COPIES = [
    "/demo/feed/",
    "/demo/feed/atom/",
    "/demo/category/walks/feed/",
    "/demo/category/walks/feed/atom/",
    "/demo/tag/rain/feed/",
    "/demo/tag/rain/feed/atom/",
    "/sitemap-posts.xml",
    "/demo/sitemap.xml",
    "/",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def a_post(blog, title, status, when):
    """Return a post in the category Walks, tagged rain, that mentions a lighthouse."""
    post = PostFactory(
        blog=blog, title=title, status=status, published_at=when,
        body_markdown="Notes from the lighthouse.",
    )  # fmt: skip
    post.categories.add(Category.objects.get_or_create(blog=blog, name="Walks", slug="walks")[0])
    post.tags.add(Tag.objects.get_or_create(blog=blog, name="rain", slug="rain")[0])
    return post


@pytest.fixture
def public_post(demo_blog):
    three_hours_ago = NOW - datetime.timedelta(hours=3)
    return a_post(demo_blog, "Out in the open", Post.Status.PUBLISHED, three_hours_ago)


def hidden_post(blog, kind):
    status, when = HIDDEN[kind]
    return a_post(blog, f"Hidden {kind}", status, when)


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("who", ["guest", "charlie"])
def test_outsiders_get_not_found_at_a_hidden_posts_address(request, public_post, kind, who):
    post = hidden_post(public_post.blog, kind)
    client = request.getfixturevalue("guest")
    if who == "charlie":
        client.force_login(request.getfixturevalue("charlie"))

    response = client.get(post.get_absolute_url())

    assert response.status_code == 404
    assert html(response).select_one(".site-title").get_text(strip=True) == "Field Notes"


@pytest.mark.parametrize("address", LISTINGS + PUBLIC_COPIES)
@pytest.mark.parametrize("who", ["guest", "charlie"])
def test_outsiders_never_see_hidden_posts_listed(request, public_post, address, who):
    hidden = [hidden_post(public_post.blog, kind) for kind in HIDDEN]
    client = request.getfixturevalue("guest")
    if who == "charlie":
        client.force_login(request.getfixturevalue("charlie"))

    response = client.get(address)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Out in the open" in body or public_post.get_absolute_url() in body
    for post in hidden:
        assert post.title not in body
        assert post.get_absolute_url() not in body


@pytest.mark.parametrize("member", ["alice", "bob"])
def test_members_read_private_posts_on_the_blog(request, signed_in, public_post, member):
    secret = hidden_post(public_post.blog, "private")
    client = signed_in(request.getfixturevalue(member))

    response = client.get(secret.get_absolute_url())

    assert response.status_code == 200
    assert html(response).h1.get_text() == "Hidden private"
    assert html(response).select_one(".private-flag").get_text() == "Private"
    for address in LISTINGS:
        assert "Hidden private" in listed_titles(client.get(address)), address


@pytest.mark.parametrize("address", PUBLIC_COPIES)
def test_private_posts_never_enter_feeds_or_sitemaps_even_for_members(
    signed_in, bob, public_post, address
):
    secret = hidden_post(public_post.blog, "private")

    body = signed_in(bob).get(address).content.decode()

    assert secret.title not in body
    assert secret.get_absolute_url() not in body


def test_members_do_not_see_drafts_on_the_blog(signed_in, bob, public_post):
    draft = hidden_post(public_post.blog, "draft")
    client = signed_in(bob)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Hidden draft" not in listed_titles(client.get("/demo/"))


def test_a_scheduled_post_appears_once_its_time_has_come(guest, public_post):
    scheduled = hidden_post(public_post.blog, "scheduled")
    assert guest.get(scheduled.get_absolute_url()).status_code == 404

    with time_machine.travel(NOW + datetime.timedelta(hours=7), tick=False):
        assert guest.get(scheduled.get_absolute_url()).status_code == 200
        assert listed_titles(guest.get("/demo/"))[0] == "Hidden scheduled"
        assert scheduled.get_absolute_url() in guest.get("/demo/feed/").content.decode()
        assert scheduled.get_absolute_url() in guest.get("/demo/sitemap.xml").content.decode()


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.PRIVATE])
def test_outsiders_get_not_found_at_a_hidden_page(guest, demo_blog, status):
    PageFactory(blog=demo_blog, title="Plans", status=status, published_at=NOW)

    response = guest.get("/demo/plans/")

    assert response.status_code == 404
    assert "Plans" not in [a.get_text() for a in html(response).select("nav.blog-menu a")]
