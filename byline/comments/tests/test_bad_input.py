"""Every mistake in the comment form gets a clear message next to the field, and the text stays."""

import pytest

from byline.comments.models import Comment
from byline.posts.models import Post
from tests.factories import PostFactory

from .commenting import GUEST, fill_and_send, parsed

TEXT = "A thoughtful reply that took me twenty minutes to write."


def error_for(response, field: str) -> str:
    box = parsed(response).select_one(f".comment-form-{field} .field-error")
    return box.get_text(" ", strip=True) if box else ""


def kept_text(response) -> str:
    return parsed(response).find("textarea", attrs={"name": "comment"}).get_text()


@pytest.mark.parametrize(
    "typed, field, message",
    [
        ({"author": ""}, "author", "Please enter your name."),
        ({"email": ""}, "email", "Please enter your email address."),
        ({"email": "zoe-at-example"}, "email", "does not look right"),
        ({"url": "not a website"}, "url", "does not look right"),
    ],
)
def test_guest_mistake_is_named_next_to_its_field_and_text_is_kept(
    guest, demo_blog, typed, field, message
):
    post = PostFactory(blog=demo_blog)

    response = fill_and_send(guest, post, **{**GUEST, "comment": TEXT, **typed})

    assert response.status_code == 400
    assert message in error_for(response, field)
    assert kept_text(response).strip() == TEXT
    assert not Comment.objects.exists()


def test_empty_comment_is_refused(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    response = fill_and_send(guest, post, **GUEST, comment="   ")
    assert response.status_code == 400
    assert "Please type your comment." in error_for(response, "comment")
    assert parsed(response).find("input", attrs={"name": "author"})["value"] == GUEST["author"]


def test_comment_over_64_kb_is_refused_but_kept(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    long_text = "word " * 14_000  # 70,000 characters
    response = fill_and_send(guest, post, **GUEST, comment=long_text)
    assert response.status_code == 400
    assert "too long" in error_for(response, "comment")
    assert kept_text(response).strip() == long_text.strip()


def test_reply_to_a_comment_of_another_post_is_refused(guest, demo_blog):
    post, other = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    elsewhere = Comment.objects.create(post=other, author_name="X", content="Hi",
                                       status=Comment.Status.APPROVED)  # fmt: skip
    response = fill_and_send(guest, post, **GUEST, comment=TEXT, parent=str(elsewhere.pk))
    assert response.status_code == 400
    assert "not on this post" in error_for(response, "comment")
    assert kept_text(response).strip() == TEXT


def test_reply_to_a_trashed_comment_is_refused(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    gone = Comment.objects.create(post=post, author_name="X", content="Hi",
                                  status=Comment.Status.APPROVED)  # fmt: skip
    gone.set_status(Comment.Status.TRASH)
    response = fill_and_send(guest, post, **GUEST, comment=TEXT, parent=str(gone.pk))
    assert response.status_code == 400
    assert "has been removed" in error_for(response, "comment")
    assert kept_text(response).strip() == TEXT


def test_comment_on_a_post_closed_meanwhile_keeps_the_text(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    page = guest.get(post.get_absolute_url())
    assert page.status_code == 200
    Post.objects.filter(pk=post.pk).update(comment_status=Post.CommentStatus.CLOSED)

    from .commenting import form_fields  # the form as loaded before the post closed

    fields = {**form_fields(page), **GUEST, "comment": TEXT}
    import time

    import time_machine

    with time_machine.travel(time.time() + 10, tick=False):
        response = guest.post(post.get_absolute_url(), fields)

    assert response.status_code == 403
    assert "Comments are closed" in parsed(response).select_one(".form-errors").get_text()
    assert kept_text(response).strip() == TEXT
    assert not Comment.objects.exists()


def test_a_refused_comment_shows_the_whole_page_again(guest, demo_blog):
    """A comment POST reads only what storing it needs; a refusal draws everything else."""
    import datetime

    from tests.factories import TagFactory

    older = PostFactory(blog=demo_blog, title="The older post")
    post = PostFactory(blog=demo_blog, title="The post",
                       published_at=older.published_at + datetime.timedelta(hours=1))  # fmt: skip
    post.tags.add(TagFactory(blog=demo_blog, name="tides"))
    response = fill_and_send(guest, post, comment="", **GUEST)
    assert response.status_code == 400
    page = parsed(response)
    assert "Please type your comment." in page.select_one(".comment-form-comment").get_text()
    previous = page.select_one(".post-navigation .previous").get_text(" ", strip=True)
    assert previous.endswith("The older post")
    assert "Tags: tides" in page.select_one(".entry-terms").get_text(" ", strip=True)
