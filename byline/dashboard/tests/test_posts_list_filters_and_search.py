"""The posts list: status tabs with counts, search through drafts too, and a fixed query count."""

from __future__ import annotations

import pytest

from byline.dashboard.tests.writing import parsed, url
from byline.posts.models import Post
from tests.factories import CategoryFactory, PostFactory, TagFactory

S = Post.Status


def titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in parsed(response).select("tr.post-row .row-title")]


def tab_counts(response) -> dict[str, int]:
    return {
        a["class"][0].removeprefix("tab-"): int(a.select_one(".count").text.strip("()"))
        for a in parsed(response).select(".status-tabs a")
    }


@pytest.fixture
def mix(demo_blog, alice):
    made = {}
    for status, title in [(S.PUBLISHED, "Coast path"), (S.DRAFT, "Fog notes"),
                          (S.PENDING, "Hill village"), (S.SCHEDULED, "Market day"),
                          (S.PRIVATE, "Private diary"), (S.TRASH, "Old rubbish")]:  # fmt: skip
        made[status] = PostFactory(blog=demo_blog, author=alice, status=status, title=title)
    return made


def test_each_tab_lists_its_status_and_all_leaves_out_the_trash(signed_in, alice, demo_blog, mix):
    client = signed_in(alice)
    everything = client.get(url("posts", demo_blog, kind="post"))

    assert tab_counts(everything) == {"all": 5, "published": 1, "scheduled": 1, "draft": 1,
                                      "pending": 1, "private": 1, "trash": 1}  # fmt: skip
    assert "Old rubbish" not in titles(everything)
    drafts = client.get(url("posts", demo_blog, kind="post") + "?status=draft")
    assert titles(drafts) == ["Fog notes"]
    trash = parsed(client.get(url("posts", demo_blog, kind="post") + "?status=trash"))
    assert [o["value"] for o in trash.select("#bulk-action option")] == ["", "restore", "delete"]


def test_search_finds_drafts_by_their_words(signed_in, alice, demo_blog, mix):
    Post.objects.filter(pk=mix[S.DRAFT].pk).update(body_markdown="The lighthouse keeper waved.")
    client = signed_in(alice)

    found = client.get(url("posts", demo_blog, kind="post") + "?s=lighthouse")

    assert titles(found) == ["Fog notes"]
    assert titles(client.get(url("posts", demo_blog, kind="post") + "?s=nothing-like-it")) == []


def test_an_unknown_tab_is_not_found(signed_in, alice, demo_blog):
    assert (
        signed_in(alice).get(url("posts", demo_blog, kind="post") + "?status=x").status_code == 404
    )


def test_the_list_costs_the_same_queries_for_3_posts_as_for_20(
    signed_in, alice, demo_blog, django_assert_max_num_queries
):
    client = signed_in(alice)
    category, tag = CategoryFactory(blog=demo_blog), TagFactory(blog=demo_blog)

    def add(n):
        for _ in range(n):
            post = PostFactory(blog=demo_blog, author=alice)
            post.categories.add(category)
            post.tags.add(tag)

    add(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url("posts", demo_blog, kind="post"))
    add(17)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("posts", demo_blog, kind="post"))
    assert len(titles(response)) == 20
