"""Deleting a post, a comment, a blog or an account takes its likes, follows and notifications."""

from __future__ import annotations

import datetime

from byline.accounts import lifecycle
from byline.comments.models import Comment
from byline.social import following
from byline.social.models import Follow, Like, Notification, PostView
from byline.social.notifications import comment_published
from tests.factories import PostFactory, UserFactory

from .liking import likes_line


def comment_by(user, post) -> Comment:
    said = Comment.objects.create(post=post, user=user, author_name=user.public_name,
                                  content="Hello", status=Comment.Status.APPROVED)  # fmt: skip
    comment_published(said)
    return said


def test_deleting_a_post_takes_its_likes_views_and_notifications(alice, charlie, post):
    said = comment_by(charlie, post)
    Like.add(charlie, post=post)
    Like.add(alice, comment=said)
    PostView.count(post.pk, datetime.date.today())
    assert Notification.objects.count() == 3  # alice: comment, like; charlie: like

    post.delete()

    assert not Like.objects.exists()
    assert not Notification.objects.exists()
    assert not PostView.objects.exists()


def test_deleting_a_comment_takes_its_likes_and_notifications(alice, charlie, post):
    said = comment_by(charlie, post)
    Like.add(alice, comment=said)
    Like.add(charlie, post=post)

    said.delete()

    assert list(Like.objects.values_list("post", flat=True)) == [post.pk]
    assert list(Notification.objects.values_list("kind", flat=True)) == ["like"]


def test_deleting_an_account_takes_its_likes_follows_and_notifications(
    guest, alice, charlie, demo_blog, post
):
    fan = UserFactory(username="fan", display_name="Fan")
    Like.add(fan, post=post)
    Like.add(charlie, post=post)
    following.follow(fan, demo_blog)
    comment_by(fan, post)
    fans_own = PostFactory(blog=demo_blog, author=fan)  # a post to be told about, then gone
    Like.add(alice, post=fans_own)
    fans_own.delete()
    assert likes_line(guest.get(post.get_absolute_url())) == "2 bloggers like this:"

    lifecycle.delete_account(fan, delete_comments=False)

    assert likes_line(guest.get(post.get_absolute_url())) == "1 blogger likes this:"
    assert list(Like.objects.values_list("user__username", flat=True)) == ["charlie"]
    assert not Follow.objects.exists()
    assert list(Notification.objects.values_list("actor__username", flat=True)) == ["charlie"]
    assert Comment.objects.get(post=post).author_name == lifecycle.DELETED_NAME


def test_deleting_a_blog_takes_its_follows(charlie, demo_blog, post):
    following.follow(charlie, demo_blog)
    Like.add(charlie, post=post)
    post.delete()
    demo_blog.delete()
    assert not Follow.objects.exists()
    assert not Notification.objects.exists()
