"""Writers and commenters hear of comments, replies, likes and followers: a bell and a list."""

from __future__ import annotations

from django.urls import reverse

from byline.comments.models import Comment
from byline.comments.tests.commenting import GUEST, fill_and_send
from byline.social import following
from byline.social.models import Like, Notification
from byline.subscriptions.tests.following import publish_guests_at_once

from .liking import parsed


def sentences(response) -> list[str]:
    return [a.get_text() for a in parsed(response).select(".notification-list li > a")]


def bell(response) -> str:
    return parsed(response).select_one("a.bell")["aria-label"]


def test_writer_hears_of_a_guests_comment_on_their_post(guest, signed_in, alice, post, demo_blog):
    publish_guests_at_once(demo_blog)
    assert fill_and_send(guest, post, comment="Lovely.", **GUEST).status_code == 303

    writer = signed_in(alice)
    assert sentences(writer.get("/notifications/")) == ["Zoë Reader commented on “Spring tides”"]
    assert bell(writer.get("/demo/")) == "Notifications: 1 unread"


def test_commenter_hears_of_a_reply_and_the_writer_of_the_comment(
    signed_in, alice, charlie, bob, post, demo_blog
):
    publish_guests_at_once(demo_blog)
    fill_and_send(signed_in(charlie), post, comment="A question?")
    asked = Comment.objects.get(user=charlie)
    fill_and_send(signed_in(bob), post, comment="An answer.", parent=str(asked.pk))

    assert sentences(signed_in(charlie).get("/notifications/")) == [
        "Bob Okafor replied to your comment on “Spring tides”"]  # fmt: skip
    assert sentences(signed_in(alice).get("/notifications/")) == [
        "Bob Okafor commented on “Spring tides”",
        "Charlie Outsider commented on “Spring tides”",
    ]


def test_nobody_is_told_of_their_own_comment(signed_in, alice, post):
    fill_and_send(signed_in(alice), post, comment="Note to self.")
    assert not Notification.objects.exists()


def test_a_held_comment_is_told_when_approved_and_hidden_when_spammed(guest, signed_in, alice,
                                                                       post):  # fmt: skip
    fill_and_send(guest, post, comment="First time here.", **GUEST)  # held: a first comment
    held = Comment.objects.get()
    assert held.status == Comment.Status.PENDING
    assert not Notification.objects.exists()

    held.set_status(Comment.Status.APPROVED)
    held.set_status(Comment.Status.PENDING)
    held.set_status(Comment.Status.APPROVED)  # approved twice, told once
    assert Notification.objects.count() == 1

    held.set_status(Comment.Status.SPAM)
    writer = signed_in(alice)
    assert sentences(writer.get("/notifications/")) == []
    assert bell(writer.get("/notifications/")) == "Notifications: 0 unread"


def test_likes_and_follows_are_told_and_untold(signed_in, alice, charlie, post, demo_blog):
    Like.add(charlie, post=post)
    following.follow(charlie, demo_blog)
    writer = signed_in(alice)
    assert sentences(writer.get("/notifications/")) == [
        "Charlie Outsider started following Field Notes",
        "Charlie Outsider liked “Spring tides”",
    ]

    Like.remove(charlie, post=post)
    assert sentences(writer.get("/notifications/")) == [
        "Charlie Outsider started following Field Notes"]  # fmt: skip


def test_opening_a_notification_marks_it_read_and_goes_to_it(signed_in, alice, charlie, post):
    Like.add(charlie, post=post)
    writer = signed_in(alice)
    item = parsed(writer.get("/notifications/")).select_one(".notification-list li")
    assert "unread" in item["class"]

    opened = writer.get(item.a["href"])

    assert opened.status_code == 302 and opened["Location"] == f"{post.get_absolute_url()}#likes"
    item = parsed(writer.get("/notifications/")).select_one(".notification-list li")
    assert "unread" not in item["class"]
    assert bell(writer.get("/notifications/")) == "Notifications: 0 unread"


def test_mark_one_and_mark_all_as_read(signed_in, alice, charlie, bob, post, demo_blog):
    Like.add(charlie, post=post)
    Like.add(bob, post=post)
    writer = signed_in(alice)
    one = Notification.objects.get(actor=bob)

    answer = writer.post(reverse("social:mark_read", args=[one.pk]))
    assert answer.status_code == 303
    assert bell(writer.get("/notifications/")) == "Notifications: 1 unread"

    writer.post(reverse("social:mark_all_read"))
    assert bell(writer.get("/notifications/")) == "Notifications: 0 unread"
    assert not Notification.objects.unread().exists()


def test_nobody_reads_or_marks_someone_elses_notifications(signed_in, charlie, post):
    Like.add(charlie, post=post)
    theirs = Notification.objects.get()
    stranger = signed_in(charlie)
    assert stranger.get(reverse("social:open", args=[theirs.pk])).status_code == 404
    assert stranger.post(reverse("social:mark_read", args=[theirs.pk])).status_code == 404
    stranger.post(reverse("social:mark_all_read"))
    assert Notification.objects.get().read_at is None
    assert sentences(stranger.get("/notifications/")) == []


def test_guest_is_asked_to_sign_in(guest):
    answer = guest.get("/notifications/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
