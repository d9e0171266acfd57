"""What a blog's pages keep between requests (blogs/chrome.py: the header menu, the links to
the neighbouring posts, the sign-in icons) is never stale: the next page after a change
shows it, with the page cache on or off (its token differs then)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from allauth.socialaccount.models import SocialApp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.posts.models import Post
from byline.posts.tests.reading import html
from tests.factories import PageFactory, PostFactory


@pytest.fixture(params=["page cache off", "page cache on"])
def reader(request, settings, charlie, client):
    """A signed-in reader (never served from the page cache), with the page cache on or off."""
    if request.param == "page cache on":
        settings.PAGE_CACHE_SECONDS = 600
    client.force_login(charlie)
    return client


def menu_of(client, url: str) -> list[str]:
    page = html(client.get(url))
    return [a.get_text() for a in page.select("nav.blog-menu a")]


def test_a_page_published_renamed_or_deleted_shows_in_the_menu_at_once(reader, demo_blog):
    post = PostFactory(blog=demo_blog)
    url = post.get_absolute_url()
    assert menu_of(reader, url) == ["Home"]
    about = PageFactory(blog=demo_blog, title="About")
    assert menu_of(reader, url) == ["Home", "About"]
    about.title = "About us"
    about.save()
    assert menu_of(reader, url) == ["Home", "About us"]
    about.delete()
    assert menu_of(reader, url) == ["Home"]


def test_a_link_added_in_the_dashboard_shows_in_the_header_at_once(reader, demo_blog, alice):
    from django.test import Client

    post = PostFactory(blog=demo_blog)
    assert menu_of(reader, post.get_absolute_url()) == ["Home"]
    admin = Client()
    admin.force_login(alice)
    added = admin.post("/dashboard/demo/menus/", {"url": "/demo/elsewhere/", "label": "Away"})
    assert added.status_code == 303
    page = html(reader.get(post.get_absolute_url()))
    assert [a.get_text() for a in page.select("nav.blog-menu a")] == ["Away"]
    assert page.select_one("nav.blog-menu a")["href"] == "/demo/elsewhere/"


def test_a_scheduled_page_joins_the_menu_when_its_time_comes(reader, demo_blog):
    post = PostFactory(blog=demo_blog)
    out_at = timezone.now() + datetime.timedelta(hours=1)
    PageFactory(blog=demo_blog, title="Soon", status=Post.Status.SCHEDULED, published_at=out_at)
    assert menu_of(reader, post.get_absolute_url()) == ["Home"]
    with time_machine.travel(out_at + datetime.timedelta(minutes=1), tick=False):
        # No write happened: no worker flipped its status; its time alone has come.
        assert menu_of(reader, post.get_absolute_url()) == ["Home", "Soon"]


def test_the_next_post_link_follows_a_new_post(reader, demo_blog):
    first = PostFactory(blog=demo_blog, published_at=timezone.now() - datetime.timedelta(days=2))
    assert html(reader.get(first.get_absolute_url())).select_one("a.next") is None
    PostFactory(blog=demo_blog, title="Newer one")
    link = html(reader.get(first.get_absolute_url())).select_one("a.next .post-title")
    assert link.get_text() == "Newer one"


def test_an_outside_provider_added_or_removed_shows_on_the_comment_form_at_once(guest, demo_blog):
    post = PostFactory(blog=demo_blog)

    def icons() -> list[str]:
        return [b["value"] for b in html(guest.get(post.get_absolute_url())).select(
            ".login-icons button")]  # fmt: skip

    before = icons()
    app = SocialApp.objects.create(provider="openid_connect", provider_id="acme",
                                   name="Acme ID", client_id="abc", secret="xyz",
                                   settings={"server_url": "https://id.acme.test"})  # fmt: skip
    assert icons() == [*before, "acme"]
    app.delete()
    assert icons() == before


def test_a_kept_menu_costs_no_query_and_a_change_costs_it_once(guest, demo_blog):
    PageFactory(blog=demo_blog, title="About")
    post = PostFactory(blog=demo_blog)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert guest.get(post.get_absolute_url()).status_code == 200
        return len(ctx)

    first, kept = queries(), queries()
    # Read once: the menu and its pages, the next scheduled post, the neighbours, the icons,
    # and the providers the page's forms may lead to (its Content-Security-Policy).
    assert first - kept == 7
    PageFactory(blog=demo_blog, title="Contact")
    assert queries() - kept == 5  # the same but the icons and providers, which no page changes
    assert queries() == kept


def test_a_comment_or_a_like_keeps_the_menu_and_the_neighbours(guest, demo_blog, charlie):
    """They show in the post's discussion only: the next page shows them, and reads no more."""
    from byline.comments.models import Comment
    from byline.social.models import Like

    PageFactory(blog=demo_blog, title="About")
    older, post = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    Comment.objects.create(post=post, author_name="Bea", content="First!", status="approved")

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            answer = guest.get(post.get_absolute_url())
        assert answer.status_code == 200
        return len(ctx), answer.content.decode()

    queries()
    kept, _ = queries()
    Comment.objects.create(post=post, author_name="Ann", content="Lovely.", status="approved")
    after_comment, page = queries()
    assert "Lovely." in page
    Like.add(charlie, post=post)
    after_like, page = queries()
    assert "1 blogger likes this:" in page
    assert after_comment == after_like == kept
    assert older.get_absolute_url() in page  # the kept link to the previous post
