"""A signed-in reader follows a blog from its header; its owner sees a new follower."""

from __future__ import annotations

from django.urls import reverse

from byline.social.models import Follow, Notification
from byline.subscriptions.models import Subscription
from tests.factories import UserFactory

from .liking import HTMX, follow_form, parsed, press_follow


def button(response) -> str:
    return follow_form(response).select_one("button.follow-button").get_text(strip=True)


def test_reader_follows_a_blog_and_gets_its_new_posts_by_email(signed_in, charlie, demo_blog, post):
    reader = signed_in(charlie)
    page = reader.get(post.get_absolute_url())
    assert button(page) == "Follow"

    sent = press_follow(reader, page)

    assert sent.status_code == 303 and sent["Location"] == post.get_absolute_url()
    assert button(reader.get(post.get_absolute_url())) == "Following"
    assert Follow.objects.filter(user=charlie, blog=demo_blog).count() == 1
    # Their verified address follows the blog's new posts, confirmed at once.
    subscription = Subscription.objects.get(kind="posts", blog=demo_blog)
    assert (subscription.email, subscription.user, subscription.is_confirmed) == (
        charlie.email, charlie, True)  # fmt: skip


def test_owner_is_told_of_a_new_follower(signed_in, charlie, alice, demo_blog):
    press_follow(signed_in(charlie), signed_in(charlie).get("/demo/"))
    told = Notification.objects.get(recipient=alice)
    assert (told.kind, told.actor, told.blog) == ("follow", charlie, demo_blog)


def test_following_pressed_again_unfollows_and_stops_the_emails(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    press_follow(reader, reader.get("/demo/"))

    press_follow(reader, reader.get("/demo/"))  # the "Following" button

    assert button(reader.get("/demo/")) == "Follow"
    assert not Follow.objects.exists()
    assert not Subscription.objects.exists()
    assert not Notification.objects.exists()  # the follow it told of is gone


def test_following_twice_is_one_follow(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    page = reader.get("/demo/")
    press_follow(reader, page)
    press_follow(reader, page)
    assert Follow.objects.count() == 1
    assert Notification.objects.count() == 1


def test_htmx_swaps_the_button_in_place(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    answer = press_follow(reader, reader.get("/demo/"), **HTMX)
    assert answer.status_code == 200
    assert button(answer) == "Following"


def test_an_unverified_address_gets_no_post_emails(signed_in, demo_blog):
    unverified = UserFactory(username="newbie", verified_email=False)
    reader = signed_in(unverified)
    press_follow(reader, reader.get("/demo/"))
    assert Follow.objects.filter(user=unverified).exists()
    assert not Subscription.objects.exists()


def test_guest_follow_goes_through_sign_in(guest, charlie, demo_blog):
    from byline.accounts.tests.signing_in import PASSWORD

    pressed = press_follow(guest, guest.get("/demo/"))
    assert pressed.status_code == 302
    back = guest.post(pressed["Location"], {"login": "charlie", "password": PASSWORD})["Location"]
    assert back == reverse("social:follow", args=["demo"])

    assert guest.get(back)["Location"] == "/demo/"
    assert Follow.objects.filter(user=charlie, blog=demo_blog).exists()


def test_following_a_missing_blog_is_a_404(signed_in, charlie):
    answer = signed_in(charlie).post(reverse("social:follow", args=["no-such-blog"]))
    assert answer.status_code == 404
    assert not Follow.objects.exists()


def test_owners_see_their_followers(signed_in, charlie, alice, bob, demo_blog):
    press_follow(signed_in(charlie), signed_in(charlie).get("/demo/"))
    address = reverse("dashboard_social:followers", args=["demo"])

    listed = parsed(signed_in(alice).get(address))

    assert [a.get_text() for a in listed.select(".followers a")] == ["Charlie Outsider"]
    assert signed_in(bob).get(address).status_code == 404  # an editor: not theirs to see
    assert signed_in(charlie).get(address).status_code == 404
