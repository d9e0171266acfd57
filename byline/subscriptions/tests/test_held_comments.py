"""A held comment goes to its moderators; the post's followers hear of it once approved."""

from __future__ import annotations

from django.test import Client

from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.comments.tests.moderating import action_url, listed
from byline.subscriptions.tests.following import YANN, comment, confirmed_subscriber
from byline.subscriptions.tests.mailing import path_of, run_worker
from tests.factories import MembershipFactory, PostFactory, UserFactory


def test_held_comment_is_sent_to_the_posts_author_and_the_administrators_only(
    guest, bob, demo_blog, smtp
):
    # bob (an editor) wrote the post; alice owns the blog; dana is another administrator.
    dana = UserFactory(username="dana")
    MembershipFactory(blog=demo_blog, user=dana, role=Membership.Role.ADMINISTRATOR)
    MembershipFactory(blog=demo_blog, user=UserFactory(username="eve"), role="editor")
    post = PostFactory(blog=demo_blog, author=bob, title="Low tide")
    confirmed_subscriber("zoe@example.test", post=post)

    comment(guest, post, YANN, "Held, as a first comment is.")
    run_worker()

    assert smtp.recipients() == ["alice@example.test", "bob@example.test", "dana@example.test"]
    mail = smtp.to("dana@example.test")[0]
    assert mail.subject == "[Field Notes] Please moderate: “Low tide”"
    assert "Held, as a first comment is." in mail.text
    assert "Email: yann@example.test" in mail.text
    queue = mail.link_to("/dashboard/")
    assert path_of(queue) == "/dashboard/demo/comments/?status=pending"
    assert mail.list_unsubscribe() == mail.link_to("/notifications/unsubscribe/")


def test_moderator_follows_the_link_to_the_queue_and_finds_the_comment(
    guest, alice, demo_blog, smtp
):
    post = PostFactory(blog=demo_blog)
    comment(guest, post, YANN, "Please let me in.")
    run_worker()
    queue = path_of(smtp.to("alice@example.test")[0].link_to("/dashboard/"))

    moderator = Client()
    moderator.force_login(alice)
    response = moderator.get(queue)

    assert response.status_code == 200
    assert listed(response) == [Comment.objects.get().pk]


def test_followers_hear_of_a_held_comment_once_it_is_approved_and_only_once(
    guest, alice, demo_blog, smtp
):
    post = PostFactory(blog=demo_blog, title="Low tide")
    confirmed_subscriber("zoe@example.test", post=post)
    comment(guest, post, YANN, "Worth the wait.")
    run_worker()
    assert smtp.to("zoe@example.test") == []
    held = Comment.objects.get()

    moderator = Client()
    moderator.force_login(alice)
    assert moderator.post(action_url(held, "approve")).status_code == 303
    assert smtp.to("zoe@example.test") == []  # the click only queued it
    run_worker()

    [mail] = smtp.to("zoe@example.test")
    assert mail.subject == "[Field Notes] New comment on “Low tide”"
    assert "Worth the wait." in mail.text

    moderator.post(action_url(held, "unapprove"))
    moderator.post(action_url(held, "approve"))
    run_worker()
    assert smtp.to("zoe@example.test") == [mail]


def test_a_comment_moderated_before_the_worker_runs_asks_nobody_to_moderate_it(
    guest, demo_blog, smtp
):
    post = PostFactory(blog=demo_blog)
    comment(guest, post, YANN, "Spammy words.")
    Comment.objects.get().set_status(Comment.Status.SPAM)

    run_worker()

    assert smtp.received == []
