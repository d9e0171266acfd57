"""A reader deletes their account; their comments stay as "Deleted user" unless they choose."""

from __future__ import annotations

import pytest

from byline.accounts.models import User
from byline.accounts.tests.signing_in import PASSWORD, parsed
from byline.comments.models import Comment
from byline.posts.models import Post
from tests.factories import PostFactory, UserFactory


def log_in_and_confirm_password(client, username: str) -> None:
    """Log in, then give the password again, as deleting an account asks."""
    client.post("/accounts/login/", {"login": username, "password": PASSWORD})
    confirmed = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert confirmed.status_code == 302


@pytest.fixture
def dana(client, db):
    user = UserFactory(username="dana", display_name="Dana")
    log_in_and_confirm_password(client, "dana")
    return user


def comment_by(user, post, status=Comment.Status.APPROVED) -> Comment:
    return Comment.objects.create(post=post, user=user, author_name=user.public_name,
                                  author_email=user.email, author_ip="192.0.2.7",
                                  content=f"Words by {user.username}", status=status)  # fmt: skip


def test_deleting_keeps_comments_as_deleted_user(client, dana, demo_blog):
    post = PostFactory(blog=demo_blog)
    kept = comment_by(dana, post)

    answer = client.post("/accounts/delete/", {"comments": "anonymize", "confirm": "on"})

    assert answer["Location"] == "/"
    assert not User.objects.filter(username="dana").exists()
    kept.refresh_from_db()
    assert (kept.user, kept.author_name, kept.author_email, kept.author_ip) == (
        None, "Deleted user", "", None)  # fmt: skip
    assert kept.content == "Words by dana"
    assert "_auth_user_id" not in client.session
    shown = parsed(client.get(post.get_absolute_url())).select_one(f"#comment-{kept.pk}")
    assert shown.select_one(".comment-author").get_text() == "Deleted user"


def test_deleting_with_comments_removes_them_and_keeps_counts_exact(client, dana, demo_blog):
    post = PostFactory(blog=demo_blog)
    comment_by(dana, post)
    comment_by(dana, post, status=Comment.Status.PENDING)

    client.post("/accounts/delete/", {"comments": "delete", "confirm": "on"})

    assert not Comment.objects.filter(post=post).exists()
    assert Post.objects.get(pk=post.pk).comment_count == 0


def test_deletion_needs_the_box_ticked(client, dana):
    answer = client.post("/accounts/delete/", {"comments": "anonymize"})

    assert answer.status_code == 400
    assert "Tick the box" in parsed(answer).get_text()
    assert User.objects.filter(username="dana").exists()


def test_a_blog_owner_is_told_to_hand_over_their_blogs_first(client, demo_blog):
    log_in_and_confirm_password(client, "alice")

    answer = client.post("/accounts/delete/", {"comments": "anonymize", "confirm": "on"})

    assert "You own “Field Notes”. Hand each blog to another administrator" in parsed(
        answer).get_text()  # fmt: skip
    assert User.objects.filter(username="alice").exists()


def test_deletion_asks_for_the_password_again_after_a_while(signed_in, charlie):
    answer = signed_in(charlie).get("/accounts/delete/")

    assert answer["Location"].startswith("/accounts/reauthenticate/")
