"""Comments by signed-in readers carry who wrote them: name, picture, profile link."""

from __future__ import annotations

import pytest

from byline.accounts.tests.signing_in import parsed
from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PostFactory


@pytest.fixture(autouse=True)
def no_typing_delay(settings):
    settings.BYLINE_COMMENT_MIN_SECONDS = 0  # the test "types" at once; no bot check here


def post_comment(client, post, text: str):
    page = parsed(client.get(post.get_absolute_url()))
    fields = {i["name"]: i.get("value", "") for i in page.select("#commentform input[name]")
              if i.get("type") != "checkbox"}  # fmt: skip
    return client.post(post.get_absolute_url(), {**fields, "comment": text})


def test_a_signed_in_readers_comment_links_to_their_profile(signed_in, charlie, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, hold_first_comment=False)
    post = PostFactory(blog=demo_blog)
    reader = signed_in(charlie)

    post_comment(reader, post, "Signed and sealed")

    comment = Comment.objects.get(post=post)
    assert (comment.user, comment.author_name, comment.author_email) == (
        charlie, "Charlie Outsider", "charlie@example.test")  # fmt: skip
    shown = parsed(reader.get(post.get_absolute_url())).select_one(f"#comment-{comment.pk}")
    assert shown.select_one(".comment-author a")["href"] == "/people/charlie/"
    assert shown.select_one("img.avatar")["src"]
    assert "byblogmember" not in shown["class"]


def test_a_blog_members_comment_is_marked_as_the_authors(signed_in, bob, demo_blog):
    post = PostFactory(blog=demo_blog)

    post_comment(signed_in(bob), post, "From the editor")

    comment = Comment.objects.get(post=post)
    assert comment.status == Comment.Status.APPROVED  # members are never held
    shown = parsed(signed_in(bob).get(post.get_absolute_url())).select_one(f"#comment-{comment.pk}")
    assert "byblogmember" in shown["class"]
    assert shown.select_one(".comment-badge").get_text() == "Author"


def test_an_approved_signed_in_commenter_skips_the_first_comment_hold(
    signed_in, charlie, demo_blog
):
    post = PostFactory(blog=demo_blog)
    reader = signed_in(charlie)
    post_comment(reader, post, "My very first words here")
    first = Comment.objects.get(post=post)
    assert first.status == Comment.Status.PENDING  # the blog holds a first comment

    first.set_status(Comment.Status.APPROVED)
    post_comment(reader, PostFactory(blog=demo_blog), "And now without waiting")

    assert Comment.objects.get(content="And now without waiting").status == Comment.Status.APPROVED


def test_a_reader_who_signed_in_to_send_a_kept_reply_may_send_it_at_once(
    signed_in, bob, demo_blog, settings
):
    """Back from signing in, the reply they typed before is in the form, and they send it
    the moment the page is there: that is a person, not a bot filling forms too fast."""
    settings.BYLINE_COMMENT_MIN_SECONDS = 3
    post = PostFactory(blog=demo_blog)

    post_comment(signed_in(bob), post, "Typed before I signed in")

    assert Comment.objects.get(post=post).status == Comment.Status.APPROVED
