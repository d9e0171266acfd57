"""Likes that cannot be: a draft, a private post, a missing post or comment, a forged token.

Each is refused with a 404 or 403 page that says so, never a 500, and nothing changes.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from byline.comments.models import Comment
from byline.posts.models import Post
from byline.social.models import Like, Notification
from tests.factories import PostFactory

from .liking import parsed, press_like


def like(client, post_id: int, **fields):
    return client.post(reverse("social:like_post", args=[post_id]), {"action": "like", **fields})


def assert_nothing_changed():
    assert not Like.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.PENDING, Post.Status.TRASH])
def test_an_unpublished_post_cannot_be_liked(signed_in, charlie, demo_blog, status):
    hidden = PostFactory(blog=demo_blog, status=status, published_at=None)
    answer = like(signed_in(charlie), hidden.pk)
    assert answer.status_code == 404
    assert "can’t be found" in parsed(answer).find("h1").get_text()
    assert_nothing_changed()


def test_a_private_post_cannot_be_liked_by_an_outsider_but_can_by_a_member(
    signed_in, charlie, bob, demo_blog
):
    private = PostFactory(blog=demo_blog, status=Post.Status.PRIVATE)
    assert like(signed_in(charlie), private.pk).status_code == 404
    assert_nothing_changed()

    assert like(signed_in(bob), private.pk).status_code == 303
    assert Like.objects.filter(user=bob, post=private).exists()


def test_a_scheduled_post_cannot_be_liked_before_its_time(signed_in, charlie, demo_blog):
    from django.utils import timezone

    later = PostFactory(blog=demo_blog, status=Post.Status.SCHEDULED,
                        published_at=timezone.now() + timezone.timedelta(days=1))  # fmt: skip
    assert like(signed_in(charlie), later.pk).status_code == 404
    assert_nothing_changed()


def test_a_missing_post_or_comment_is_a_404(signed_in, charlie):
    reader = signed_in(charlie)
    assert like(reader, 999999).status_code == 404
    assert reader.post(reverse("social:like_comment", args=[999999])).status_code == 404
    assert_nothing_changed()


def test_a_held_comment_cannot_be_liked(signed_in, charlie, post):
    held = Comment.objects.create(post=post, author_name="Ann", content="Wait",
                                  status=Comment.Status.PENDING)  # fmt: skip
    answer = signed_in(charlie).post(reverse("social:like_comment", args=[held.pk]))
    assert answer.status_code == 404
    assert_nothing_changed()


def test_a_password_protected_post_cannot_be_liked_unread(signed_in, charlie, demo_blog):
    locked = PostFactory(blog=demo_blog, password="open sesame")
    assert like(signed_in(charlie), locked.pk).status_code == 404
    assert_nothing_changed()


def test_a_forged_form_token_is_refused(charlie, post):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(charlie)
    page = browser.get(post.get_absolute_url())

    forged = like(browser, post.pk, csrfmiddlewaretoken="x" * 64)
    assert forged.status_code == 403
    assert "CSRF verification failed" in forged.content.decode()
    missing = browser.post(reverse("social:like_post", args=[post.pk]), {"action": "like"})
    assert missing.status_code == 403
    assert_nothing_changed()

    assert press_like(browser, page).status_code == 303  # the page's own token works


def test_an_unknown_action_is_a_400(signed_in, charlie, post):
    answer = signed_in(charlie).post(reverse("social:like_post", args=[post.pk]),
                                     {"action": "love"})  # fmt: skip
    assert answer.status_code == 400
    assert "action=like" in answer.content.decode()
    assert_nothing_changed()


def test_a_put_is_not_allowed(signed_in, charlie, post):
    answer = signed_in(charlie).put(reverse("social:like_post", args=[post.pk]))
    assert answer.status_code == 405
    assert_nothing_changed()
