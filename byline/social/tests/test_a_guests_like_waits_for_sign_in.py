"""A guest presses Like, signs in, and comes back to the post with the like done."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from byline.accounts.tests.signing_in import PASSWORD
from byline.social.models import Like

from .liking import like_button, likes_line, parsed, press_like


def sign_in(client, login_address: str, user):
    """Fill allauth's log-in form at the address the like sent the guest to."""
    return client.post(login_address, {"login": user.username, "password": PASSWORD})


def test_guest_like_goes_through_sign_in_and_is_applied_on_return(guest, charlie, post):
    pressed = press_like(guest, guest.get(post.get_absolute_url()))

    assert pressed.status_code == 302
    login = pressed["Location"]
    assert urlsplit(login).path == reverse("account_login")
    back = parse_qs(urlsplit(login).query)["next"][0]
    assert back == reverse("social:like_post", args=[post.pk])
    assert not Like.objects.exists()  # nothing happens before signing in

    signed = sign_in(guest, login, charlie)
    assert signed.status_code == 302 and signed["Location"] == back
    returned = guest.get(back)

    assert returned.status_code == 303
    assert returned["Location"] == f"{post.get_absolute_url()}#likes"
    page = guest.get(post.get_absolute_url())
    assert likes_line(page) == "1 blogger likes this:"
    assert like_button(page) == "★ Liked"
    assert Like.objects.filter(user=charlie, post=post).count() == 1


def test_the_remembered_like_is_done_once(guest, charlie, post):
    login = press_like(guest, guest.get(post.get_absolute_url()))["Location"]
    back = sign_in(guest, login, charlie)["Location"]
    guest.get(back)
    Like.remove(charlie, post=post)

    again = guest.get(back)  # a reload of that address, later

    assert again.status_code == 200  # asks, rather than liking on its own
    assert parsed(again).find("h1").get_text() == "Like “Spring tides”?"
    assert not Like.objects.exists()


def test_a_link_to_the_like_address_never_likes_by_itself(signed_in, charlie, post):
    reader = signed_in(charlie)
    answer = reader.get(reverse("social:like_post", args=[post.pk]))

    assert answer.status_code == 200
    form = parsed(answer).select_one("main form")
    assert form["method"] == "post" and form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert not Like.objects.exists()


def test_a_click_after_the_session_ended_moves_the_whole_page_to_sign_in(guest, post):
    answer = guest.post(reverse("social:like_post", args=[post.pk]), {"action": "like"},
                        HTTP_HX_REQUEST="true")  # fmt: skip
    assert answer.status_code == 204
    assert urlsplit(answer["HX-Redirect"]).path == reverse("account_login")
    assert not Like.objects.exists()
