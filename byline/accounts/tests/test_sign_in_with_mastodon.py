"""A reader logs in with their account on any Mastodon server, named by them. The loopback
provider plays the Mastodon server: Byline registers itself there, then signs in."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialApp

from byline.accounts.models import User
from byline.accounts.providers.mastodon import instances
from byline.accounts.tests.signing_in import (
    authorize_url,
    click_icon,
    come_back,
    parsed,
    query_of,
    typed_comment,
)  # fmt: skip
from tests.factories import PostFactory
from tests.oidc import sign_in_at_provider


def choose_server(client, post, server: str, comment: str = ""):
    chooser = click_icon(client, post, "mastodon", comment=comment)
    assert chooser["Location"].startswith("/accounts/mastodon/?next=")
    return client.post(chooser["Location"], {"server": server})


def test_the_mastodon_icon_shows_only_when_turned_on(guest, demo_blog, settings):
    post = PostFactory(blog=demo_blog)
    settings.BYLINE_MASTODON_SIGN_IN = False
    assert not parsed(guest.get(post.get_absolute_url())).select("button[value=mastodon]")

    settings.BYLINE_MASTODON_SIGN_IN = True
    icon = parsed(guest.get(post.get_absolute_url())).select_one("button[value=mastodon]")
    assert icon.get_text(" ", strip=True) == "M Log in with Mastodon"


def test_reader_signs_in_on_their_own_server_and_keeps_the_comment(guest, demo_blog, mastodon):
    post = PostFactory(blog=demo_blog)
    server = urlsplit(mastodon.base).netloc

    connecting = choose_server(guest, post, f"@rosa@{server}", comment="Tooted, then typed")

    assert parsed(connecting).h1.get_text() == f"Connecting to {server}…"
    asked = query_of(authorize_url(connecting))
    assert authorize_url(connecting).startswith(f"{mastodon.base}/oauth/authorize?")
    assert asked["code_challenge_method"] == "S256" and asked["state"]
    assert asked["scope"] == "read:accounts"
    back = come_back(guest, sign_in_at_provider(authorize_url(connecting)))
    assert back["Location"] == f"{post.get_absolute_url()}#respond"
    page = guest.get(post.get_absolute_url())
    notice = parsed(page).select_one(".logged-in-as").get_text(" ", strip=True)
    assert "You are commenting using your Mastodon account." in notice
    assert typed_comment(page) == "Tooted, then typed"
    reader = User.objects.get(socialaccount__provider=server)
    assert reader.display_name == "Rosa on Mastodon"


def test_byline_registers_once_per_server(client, demo_blog, mastodon):
    from django.test import Client

    server = urlsplit(mastodon.base).netloc
    post = PostFactory(blog=demo_blog)
    choose_server(client, post, server)
    choose_server(Client(), post, f"http://{server}/@someone")

    [app] = SocialApp.objects.filter(provider="mastodon")
    assert (app.provider_id, app.client_id[:9]) == (server, "mastodon-")


def test_an_answer_that_names_no_server_is_refused_with_the_text_kept(guest, demo_blog, settings):
    settings.BYLINE_MASTODON_SIGN_IN = True
    post = PostFactory(blog=demo_blog)

    answer = choose_server(guest, post, "not a server", comment="still mine")

    assert answer.status_code == 400
    assert "is not a server address" in parsed(answer).select_one(".field-error").get_text()
    assert typed_comment(guest.get(post.get_absolute_url())) == "still mine"


@pytest.mark.parametrize("typed, domain", [
    ("mastodon.social", "mastodon.social"),
    ("@rosa@Mastodon.Social", "mastodon.social"),
    ("rosa@fosstodon.org", "fosstodon.org"),
    ("https://hachyderm.io/@rosa", "hachyderm.io"),
])  # fmt: skip
def test_readers_may_type_their_handle_or_their_servers_address(typed, domain):
    assert instances.domain_of(typed) == domain


@pytest.mark.parametrize("typed", ["localhost", "127.0.0.1", "10.0.0.8", "[::1]", "x", ""])
def test_addresses_that_are_no_public_server_are_refused(typed):
    with pytest.raises(instances.NotAServer):
        instances.domain_of(typed)


def test_a_name_that_resolves_to_loopback_is_never_contacted():
    # What keeps the form from making Byline call hosts inside its own network.
    with pytest.raises(instances.NotAServer, match="not a server on the public internet"):
        instances.check_public("localhost")
