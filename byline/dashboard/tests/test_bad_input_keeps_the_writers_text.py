"""A slug that is taken or reserved gets a clear message, and the writer's text stays."""

from __future__ import annotations

from byline.dashboard.tests.writing import edit_url, errors_on, form_data, parsed, url
from byline.posts.models import Post
from tests.factories import PageFactory, PostFactory


def send(client, blog, **fields):
    data = form_data(client.get(url("new", blog, kind="post")))
    data.update({"title": "Second walk", "body_markdown": "A long text I must not lose.",
                 **fields})  # fmt: skip
    return client.post(url("new", blog, kind="post"), data)


def test_a_slug_another_post_has_is_refused_with_a_free_one_suggested(signed_in, alice, demo_blog):
    PostFactory(blog=demo_blog, slug="coast-walk")

    refused = send(signed_in(alice), demo_blog, slug="coast-walk")

    assert refused.status_code == 400
    assert errors_on(refused)["slug"] == [
        "Another post on this blog already has the address “coast-walk”; try “coast-walk-2”."
    ]
    assert (
        parsed(refused).select_one("#id_body_markdown").text.strip()
        == "A long text I must not lose."
    )
    assert Post.objects.count() == 1


def test_a_reserved_slug_is_refused_with_the_word_named(signed_in, alice, demo_blog):
    refused = send(signed_in(alice), demo_blog, slug="feed")

    assert errors_on(refused)["slug"] == [
        "“feed” is used by the blog's own addresses; try “feed-1” instead."
    ]
    assert parsed(refused).select_one("#id_title")["value"] == "Second walk"


def test_a_malformed_slug_is_refused(signed_in, alice, demo_blog):
    refused = send(signed_in(alice), demo_blog, slug="Not a slug!")

    assert "Use lowercase letters" in errors_on(refused)["slug"][0]


def test_a_post_may_share_a_slug_with_a_page_and_with_another_blog(signed_in, alice, demo_blog):
    PageFactory(blog=demo_blog, slug="harbour")
    PostFactory(slug="second-walk")  # on another blog

    assert send(signed_in(alice), demo_blog, slug="harbour").status_code == 303
    assert send(signed_in(alice), demo_blog, slug="").status_code == 303
    assert Post.objects.filter(blog=demo_blog, kind="post", slug="second-walk").exists()


def test_an_empty_title_is_refused(signed_in, alice, demo_blog):
    refused = send(signed_in(alice), demo_blog, title="")

    assert "title" in errors_on(refused)
    assert (
        parsed(refused).select_one("#id_body_markdown").text.strip()
        == "A long text I must not lose."
    )


def test_editing_keeps_the_slug_of_the_post_itself(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, slug="my-walk")
    client = signed_in(alice)
    data = form_data(client.get(edit_url(post)))
    data["title"] = "My walk, revised"

    assert client.post(edit_url(post), data).status_code == 303
    post.refresh_from_db()
    assert post.slug == "my-walk" and post.title == "My walk, revised"
