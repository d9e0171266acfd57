"""A person chooses which notifications also come by email, one switch per kind."""

from __future__ import annotations

from django.urls import reverse

from byline.social.models import EmailChoices
from byline.subscriptions.models import OptOut
from tests.factories import BlogFactory, MembershipFactory

from .liking import parsed

ADDRESS = reverse("social:email_choices")


def ticked(response) -> dict[str, bool]:
    form = parsed(response).select_one("main form")
    return {box["name"]: box.has_attr("checked") for box in form.select("input[type=checkbox]")}


def test_everything_is_emailed_until_turned_off(signed_in, charlie):
    page = signed_in(charlie).get(ADDRESS)
    assert ticked(page) == {"comment": True, "reply": True, "like": True, "follow": True}
    labels = [label.get_text() for label in parsed(page).select("main form label")]
    assert labels == ["New comments on my posts", "Replies to my comments",
                      "Likes on my posts and comments", "New followers of my blogs"]  # fmt: skip


def test_turning_kinds_off_and_on_again(signed_in, alice, demo_blog):
    other = BlogFactory(slug="second-blog")
    MembershipFactory(blog=other, user=alice)
    writer = signed_in(alice)

    saved = writer.post(ADDRESS, {"reply": "on", "follow": "on"})

    assert saved.status_code == 302
    page = writer.get(ADDRESS)
    assert ticked(page) == {"comment": False, "reply": True, "like": False, "follow": True}
    assert "Your email choices are saved." in page.content.decode()
    choices = EmailChoices.objects.get(user=alice)
    assert (choices.reply, choices.like, choices.follow) == (True, False, True)
    # Comments on her posts are byline.subscriptions' emails: an opt-out on each of her blogs.
    assert set(OptOut.objects.filter(user=alice).values_list("blog__slug", "kind")) == {
        ("demo", "own_posts"), ("second-blog", "own_posts")}  # fmt: skip

    writer.post(ADDRESS, {"comment": "on", "reply": "on", "like": "on", "follow": "on"})
    assert ticked(writer.get(ADDRESS)) == dict.fromkeys(
        ["comment", "reply", "like", "follow"], True
    )
    assert not OptOut.objects.filter(kind="own_posts").exists()


def test_guest_is_asked_to_sign_in(guest):
    assert guest.get(ADDRESS).status_code == 302
