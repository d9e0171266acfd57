"""A blog's followers get each new post by email, once, in batches, when it goes public."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from byline.posts.models import Post
from byline.subscriptions import tasks
from byline.subscriptions.models import Announcement, Subscription
from byline.subscriptions.tests.following import confirmed_subscriber
from byline.subscriptions.tests.mailing import path_of, queued, run_worker
from tests.factories import PageFactory, PostFactory


def followers(blog, count: int) -> list[str]:
    addresses = [f"reader{n}@example.test" for n in range(1, count + 1)]
    for address in addresses:
        confirmed_subscriber(address, blog=blog)
    return addresses


def test_publishing_a_post_emails_every_confirmed_follower_in_batches(
    guest, demo_blog, smtp, monkeypatch
):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    addresses = followers(demo_blog, 5)
    Subscription.objects.create(kind="posts", blog=demo_blog, email="unconfirmed@example.test")

    post = PostFactory(blog=demo_blog, title="Spring tides", published_at=None,
                       body_markdown="The moon pulls *hard* this week.")  # fmt: skip
    assert smtp.received == []
    run_worker()

    assert smtp.recipients() == addresses
    batches = DBTaskResult.objects.filter(task_path__endswith="send_post_batch")
    assert sorted(len(b.args_kwargs["args"][1]) for b in batches) == [1, 2, 2]
    mail = smtp.to("reader3@example.test")[0]
    assert mail.subject == "[Field Notes] Spring tides"
    assert "The moon pulls hard this week." in mail.text
    assert guest.get(path_of(mail.link_to(post.get_absolute_url()))).status_code == 200
    unsubscribe = mail.list_unsubscribe()
    assert unsubscribe == mail.link_to("/notifications/unsubscribe/")
    assert len({m.list_unsubscribe() for m in smtp.received}) == 5  # each reader their own
    assert Announcement.objects.get(post=post).recipients == 5


def test_a_post_is_announced_once_however_often_it_is_saved_or_republished(demo_blog, smtp):
    followers(demo_blog, 1)
    post = PostFactory(blog=demo_blog, published_at=None)
    run_worker()

    post.title = "A better title"
    post.save()
    post.status = Post.Status.DRAFT
    post.save()
    post.status = Post.Status.PUBLISHED
    post.save()
    run_worker()

    assert len(smtp.received) == 1


def test_a_scheduled_post_is_announced_when_its_time_comes(demo_blog, smtp):
    followers(demo_blog, 1)
    due = timezone.now() + datetime.timedelta(hours=3)
    PostFactory(blog=demo_blog, status=Post.Status.SCHEDULED, published_at=due)

    run_worker()
    assert smtp.received == []

    with time_machine.travel(due + datetime.timedelta(minutes=1)):
        run_worker()
    assert smtp.recipients() == ["reader1@example.test"]


def test_a_post_rescheduled_later_is_announced_at_its_new_time_only(demo_blog, smtp):
    followers(demo_blog, 1)
    first = timezone.now() + datetime.timedelta(hours=1)
    post = PostFactory(blog=demo_blog, status=Post.Status.SCHEDULED, published_at=first)
    post.published_at = first + datetime.timedelta(days=1)
    post.save()

    with time_machine.travel(first + datetime.timedelta(minutes=1)):
        run_worker()
    assert smtp.received == []
    with time_machine.travel(post.published_at + datetime.timedelta(minutes=1)):
        run_worker()
    assert smtp.recipients() == ["reader1@example.test"]


def test_drafts_private_posts_pages_and_backdated_posts_are_not_announced(demo_blog, smtp):
    followers(demo_blog, 1)
    PostFactory(blog=demo_blog, status=Post.Status.DRAFT, published_at=None)
    PostFactory(blog=demo_blog, status=Post.Status.PRIVATE, published_at=timezone.now())
    PageFactory(blog=demo_blog, published_at=None)
    # An import (or a backdated post) publishes old posts: not news to anyone.
    PostFactory(blog=demo_blog, published_at=timezone.now() - datetime.timedelta(days=400))

    assert queued() == 0
    run_worker()
    assert smtp.received == []


def test_a_blog_without_followers_queues_no_task_for_a_new_post(demo_blog, smtp):
    post = PostFactory(blog=demo_blog, published_at=None)

    assert queued() == 0
    assert Announcement.objects.get(post=post).sent_at is not None
    # A reader who follows the blog later is not sent this post when it is edited.
    followers(demo_blog, 1)
    post.save()
    run_worker()
    assert smtp.received == []


def test_readers_who_unsubscribe_before_their_batch_is_sent_get_nothing(demo_blog, smtp):
    followers(demo_blog, 2)
    PostFactory(blog=demo_blog, published_at=None)
    call_announce_only()
    Subscription.objects.filter(email="reader1@example.test").delete()

    run_worker()

    assert smtp.recipients() == ["reader2@example.test"]


def call_announce_only() -> None:
    """Run the announcement task alone, leaving the batches it queues for the worker."""
    [announcement] = DBTaskResult.objects.ready()
    tasks.announce_post.call(*announcement.args_kwargs["args"])
    announcement.delete()
