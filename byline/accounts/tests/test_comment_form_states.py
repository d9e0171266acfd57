"""Every state of the comment form, as plain HTML and form posts (no JavaScript)."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp

from byline.accounts.tests.signing_in import PASSWORD, click_icon, parsed, typed_comment
from tests.factories import PostFactory


def icons(response) -> list[tuple[str, str]]:
    return [(b["value"], b.get_text(" ", strip=True))
            for b in parsed(response).select("#commentform .login-icons button")]  # fmt: skip


def test_guest_sees_the_details_note_and_only_byline_when_nothing_else_is_configured(
    guest, demo_blog
):
    page = guest.get(PostFactory(blog=demo_blog).get_absolute_url())

    note = parsed(page).select_one("#commentform .comment-notes").get_text()
    assert note == "Fill in your details below or click an icon to log in:"
    assert icons(page) == [("byline", "B Log in with Byline")]
    assert parsed(page).select_one("#id_email") is not None


def test_configured_providers_follow_byline_own_icon(guest, demo_blog, oidc):
    page = guest.get(PostFactory(blog=demo_blog).get_absolute_url())

    assert [value for value, _ in icons(page)] == ["byline", "loopback"]
    assert icons(page)[1][1].endswith("Log in with Loopback ID")


def test_a_provider_added_in_the_admin_gets_an_icon_too(guest, demo_blog):
    SocialApp.objects.create(provider="github", name="GitHub", client_id="abc", secret="xyz")

    page = guest.get(PostFactory(blog=demo_blog).get_absolute_url())

    assert ("github", "G Log in with GitHub") in icons(page)


def test_byline_icon_keeps_the_comment_through_the_log_in_page(guest, demo_blog, charlie):
    post = PostFactory(blog=demo_blog)
    parent = ""

    clicked = click_icon(guest, post, "byline", comment="Typed before logging in", parent=parent)

    assert clicked.status_code == 302
    assert (
        clicked["Location"]
        == f"/accounts/login/?next={post.get_absolute_url().replace('/', '%2F')}%23respond"
    )
    logged_in = guest.post(clicked["Location"], {"login": "charlie", "password": PASSWORD})
    assert logged_in["Location"] == f"{post.get_absolute_url()}#respond"
    back = guest.get(post.get_absolute_url())
    notice = parsed(back).select_one(".logged-in-as").get_text(" ", strip=True)
    assert notice == "You are commenting using your Byline account. ( Log Out / Change )"
    assert typed_comment(back) == "Typed before logging in"


def test_signed_in_reader_sees_their_picture_and_no_guest_fields(signed_in, charlie, demo_blog):
    page = parsed(signed_in(charlie).get(PostFactory(blog=demo_blog).get_absolute_url()))

    assert page.select_one(".logged-in-as img.avatar")["src"]
    assert page.select_one("#id_author") is None and page.select_one(".login-icons") is None


def test_log_out_returns_to_the_same_post_signed_out(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    post = PostFactory(blog=demo_blog)
    logout = parsed(reader.get(post.get_absolute_url())).select_one("form#comment-logout")
    fields = {i["name"]: i["value"] for i in logout.select("input[name]")}

    answer = reader.post(logout["action"], fields)

    assert answer["Location"] == f"{post.get_absolute_url()}#respond"
    page = parsed(reader.get(post.get_absolute_url()))
    assert page.select_one(".logged-in-as") is None
    assert page.select_one(".comment-notes") is not None


def test_change_signs_out_shows_the_icons_and_keeps_the_comment(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    post = PostFactory(blog=demo_blog)
    change = parsed(reader.get(post.get_absolute_url())).select_one("button[name=change]")

    answer = reader.post(change["formaction"], {"comment": "Same words, other name", "change": "1"})

    assert answer["Location"] == f"{post.get_absolute_url()}#respond"
    back = reader.get(post.get_absolute_url())
    assert "_auth_user_id" not in reader.session
    assert [value for value, _ in icons(back)] == ["byline"]
    assert typed_comment(back) == "Same words, other name"


def test_an_icon_for_a_provider_that_is_not_configured_says_so_and_keeps_the_text(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    answer = guest.post(f"/accounts/comment-sign-in/?next={post.get_absolute_url()}",
                        {"sign_in": "github", "comment": "Still here"})  # fmt: skip

    assert answer.status_code == 400
    assert parsed(answer).h1.get_text() == "That way of logging in is not offered here"
    assert typed_comment(guest.get(post.get_absolute_url())) == "Still here"


def test_pressing_enter_in_a_field_posts_the_comment_not_a_sign_in(guest, demo_blog):
    # The browser sends a form with its first submit button when Enter is pressed in a field.
    form = parsed(guest.get(PostFactory(blog=demo_blog).get_absolute_url())).select_one(
        "#commentform")  # fmt: skip
    first = form.select("button[type=submit]")[0]

    assert first.has_attr("hidden") and not first.get("name") and not first.get("formaction")


def test_the_log_in_page_offers_every_configured_account_too(guest, db, oidc, settings):
    settings.BYLINE_MASTODON_SIGN_IN = True

    page = parsed(guest.get("/accounts/login/?next=/demo/"))

    assert page.h1.get_text() == "Log in"
    offered = [a.get_text(" ", strip=True) for a in page.select(".login-icons a")]
    assert offered == ["L Loopback ID", "M Mastodon"]
    assert page.select_one(".login-mastodon")["href"] == "/accounts/mastodon/?next=/demo/"
