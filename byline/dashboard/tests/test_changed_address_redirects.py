"""When a published post's slug or date changes, its old address answers 301 to the new one,
as WordPress does with `_wp_old_slug` and `_wp_old_date`, so shared links keep working."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from byline.dashboard.tests.writing import edit_url, form_data
from byline.posts.models import OldLink, Post
from tests.factories import PostFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 86400


@pytest.fixture
def reader(db) -> Client:
    return Client()


def edit(client, post, **changes) -> Post:
    data = form_data(client.get(edit_url(post)))
    response = client.post(edit_url(post), {**data, **changes, "save": ""})
    assert response.status_code == 303, response.content.decode()[:2000]
    return Post.objects.select_related("blog").get(pk=post.pk)


def test_the_old_address_of_a_renamed_post_redirects_for_good(signed_in, alice, reader,
                                                               demo_blog):  # fmt: skip
    post = PostFactory(blog=demo_blog, author=alice, slug="first-try")
    old = post.get_absolute_url()
    assert reader.get(old).status_code == 200  # now in the page cache

    moved = edit(signed_in(alice), post, slug="a-better-name")

    response = reader.get(old)
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()
    assert moved.get_absolute_url().endswith("/a-better-name/")
    assert reader.get(response["Location"]).status_code == 200


def test_a_new_date_and_slug_together_redirect_too(signed_in, alice, reader, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="spring")
    old = post.get_absolute_url()
    earlier = timezone.localtime(post.published_at, demo_blog.tzinfo) - datetime.timedelta(days=40)

    moved = edit(signed_in(alice), post, slug="early-spring",
                 published_at=earlier.strftime("%Y-%m-%dT%H:%M"))  # fmt: skip

    assert moved.get_absolute_url() != old
    response = reader.get(old)
    assert (response.status_code, response["Location"]) == (301, moved.get_absolute_url())


def test_every_earlier_address_leads_to_the_newest(signed_in, alice, reader, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="one")
    first = post.get_absolute_url()
    client = signed_in(alice)
    second = edit(client, post, slug="two").get_absolute_url()

    newest = edit(client, post, slug="three").get_absolute_url()

    assert reader.get(first)["Location"] == newest
    assert reader.get(second)["Location"] == newest
    back = edit(client, post, slug="one")  # back to the first name: that address is live again
    assert back.get_absolute_url() == first
    assert reader.get(first).status_code == 200
    assert not OldLink.objects.filter(path=back.path).exists()


def test_a_drafts_changes_leave_no_old_address(signed_in, alice, reader, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="working-title",
                       status=Post.Status.DRAFT, published_at=None)  # fmt: skip
    old_path = post.path

    edit(signed_in(alice), post, slug="final-title")

    assert not OldLink.objects.exists()
    assert reader.get(f"/{demo_blog.slug}/{old_path}/").status_code == 404


def test_an_old_address_does_not_reveal_a_post_taken_back_to_draft(signed_in, alice, reader,
                                                                     demo_blog):  # fmt: skip
    post = PostFactory(blog=demo_blog, author=alice, slug="announcement")
    old = post.get_absolute_url()
    client = signed_in(alice)
    edit(client, post, slug="the-announcement")

    edit(client, post, status=Post.Status.DRAFT)

    assert reader.get(old).status_code == 404


def test_a_new_post_at_the_old_address_wins(signed_in, alice, reader, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="news")
    old = post.get_absolute_url()
    edit(signed_in(alice), post, slug="old-news")

    newer = PostFactory(blog=demo_blog, author=alice, slug="news",
                        published_at=post.published_at)  # fmt: skip

    assert newer.get_absolute_url() == old
    response = reader.get(old)
    assert response.status_code == 200
    assert newer.title in response.content.decode()


def test_another_blogs_old_address_redirects_nowhere(signed_in, alice, olga, reader, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="recipe")
    old_path = post.path
    edit(signed_in(alice), post, slug="the-recipe")

    assert reader.get(f"/kitchen/{old_path}/").status_code == 404
