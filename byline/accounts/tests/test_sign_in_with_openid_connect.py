"""A reader signs in with an OpenID Connect account from the comment form, and keeps what
they typed. The provider is a real one, running on loopback (tests/oidc_provider)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from byline.accounts.models import User
from byline.accounts.tests.signing_in import (
    authorize_url,
    click_icon,
    come_back,
    parsed,
    query_of,
    sign_in_with_loopback,
    typed_comment,
)  # fmt: skip
from byline.comments.models import Comment
from tests.factories import PostFactory
from tests.oidc import sign_in_at_provider


def test_guest_sees_connecting_to_the_provider_while_the_redirect_runs(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)

    connecting = click_icon(guest, post, "loopback", comment="Half a thought")

    page = parsed(connecting)
    assert page.h1.get_text() == "Connecting to Loopback ID…"
    refresh = page.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == f"0; url={authorize_url(connecting)}"  # moves on without JavaScript
    assert authorize_url(connecting).startswith(f"{oidc.server_url}/authorize/")


def test_reader_comes_back_signed_in_with_the_typed_comment_and_posts_it(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)

    back = sign_in_with_loopback(guest, post, comment="The harbour photos are lovely.")

    assert back.status_code == 302
    assert back["Location"] == f"{post.get_absolute_url()}#respond"
    back_page = guest.get(post.get_absolute_url())
    page = parsed(back_page)
    notice = page.select_one("#commentform .logged-in-as").get_text(" ", strip=True)
    assert "You are commenting using your Loopback ID account." in notice
    assert typed_comment(back_page) == "The harbour photos are lovely."
    assert page.select_one("#id_email") is None  # no guest fields for a signed-in reader

    form = {i["name"]: i.get("value", "") for i in page.select("#commentform input[name]")}
    posted = guest.post(
        post.get_absolute_url(), {**form, "comment": "The harbour photos are lovely."}
    )
    assert posted.status_code == 303
    comment = Comment.objects.get(post=post)
    rosa = User.objects.get(username="rosa")
    assert (comment.user, comment.author_name) == (rosa, "Rosa Reader")


def test_a_new_reader_gets_an_account_named_and_verified_by_the_provider(guest, demo_blog, oidc):
    sign_in_with_loopback(guest, PostFactory(blog=demo_blog))

    rosa = User.objects.get(username="rosa")
    assert rosa.display_name == "Rosa Reader"
    assert EmailAddress.objects.filter(user=rosa, email="rosa@idp.test", verified=True).exists()
    assert not rosa.has_usable_password()


def test_the_draft_is_restored_once_and_only_on_its_own_post(guest, demo_blog, oidc):
    post, other = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    sign_in_with_loopback(guest, post, comment="Only for the first post")

    assert typed_comment(guest.get(other.get_absolute_url())) == ""
    assert typed_comment(guest.get(post.get_absolute_url())) == "Only for the first post"
    assert typed_comment(guest.get(post.get_absolute_url())) == ""


def test_the_reply_target_survives_the_sign_in(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)
    earlier = Comment.objects.create(post=post, author_name="Ines", author_email="i@example.test",
                                     content="First!", status=Comment.Status.APPROVED)  # fmt: skip

    sign_in_with_loopback(guest, post, comment="A reply", parent=str(earlier.pk))

    page = parsed(guest.get(post.get_absolute_url()))
    assert page.select_one("#reply-title").get_text(" ", strip=True).startswith("Reply to Ines")
    assert page.select_one("#commentform input[name=parent]")["value"] == str(earlier.pk)


def test_byline_asks_the_provider_for_a_code_with_state_and_pkce(guest, demo_blog, oidc):
    asked = query_of(authorize_url(click_icon(guest, PostFactory(blog=demo_blog), "loopback")))

    assert asked["response_type"] == "code"
    assert len(asked["state"]) >= 12
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["code_challenge"]) == 43  # base64url of a SHA-256 digest
    assert asked["redirect_uri"] == "http://testserver/accounts/oidc/loopback/login/callback/"
    assert set(asked["scope"].split()) >= {"openid", "email", "profile"}


def test_the_session_key_changes_at_sign_in(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)
    connecting = click_icon(guest, post, "loopback", comment="x")
    before = guest.session.session_key

    come_back(guest, sign_in_at_provider(authorize_url(connecting)))

    assert guest.session.session_key != before
    assert guest.session.get("_auth_user_id")
