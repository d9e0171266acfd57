"""A sign-in answer that was changed on the way, or used twice, signs nobody in and says so."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import requests

from byline.accounts.tests.signing_in import (
    authorize_url,
    click_icon,
    come_back,
    parsed,
    query_of,
)  # fmt: skip
from tests.factories import PostFactory
from tests.oidc import sign_in_at_provider

CALLBACK = "/accounts/oidc/loopback/login/callback/"


def refused_clearly(response, post) -> None:
    assert response.status_code == 401
    page = parsed(response)
    assert page.h1.get_text() == "We could not log you in with Loopback ID"
    assert "For your safety nothing was signed in." in page.get_text()
    assert (
        page.find("a", string="Go back to the post")["href"] == f"{post.get_absolute_url()}#respond"
    )


def test_a_tampered_state_is_refused(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)
    callback = sign_in_at_provider(authorize_url(click_icon(guest, post, "loopback", "kept")))
    code = query_of(callback)["code"]

    answer = guest.get(f"{CALLBACK}?{urlencode({'code': code, 'state': 'forged-state-value'})}")

    refused_clearly(answer, post)
    assert "_auth_user_id" not in guest.session


def test_an_answer_from_another_browser_session_is_refused(client, demo_blog, oidc):
    from django.test import Client

    post = PostFactory(blog=demo_blog)
    victim, attacker = client, Client()
    # The attacker starts a sign-in and hands the victim the answer meant for them.
    callback = sign_in_at_provider(authorize_url(click_icon(attacker, post, "loopback")))

    answer = come_back(victim, callback)

    assert answer.status_code == 401
    assert parsed(answer).h1.get_text() == "We could not log you in with Loopback ID"
    assert "_auth_user_id" not in victim.session


def test_a_replayed_callback_is_refused(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)
    callback = sign_in_at_provider(authorize_url(click_icon(guest, post, "loopback", "kept")))
    assert come_back(guest, callback).status_code == 302
    guest.post("/accounts/logout/")
    click_icon(guest, post, "loopback", "kept")  # a draft again, for the page's back link

    answer = come_back(guest, callback)

    refused_clearly(answer, post)
    assert "_auth_user_id" not in guest.session


def test_a_used_code_is_refused_even_with_a_fresh_state(guest, demo_blog, oidc):
    post = PostFactory(blog=demo_blog)
    first = sign_in_at_provider(authorize_url(click_icon(guest, post, "loopback")))
    assert come_back(guest, first).status_code == 302
    guest.post("/accounts/logout/")
    fresh_state = query_of(authorize_url(click_icon(guest, post, "loopback")))["state"]

    answer = guest.get(
        f"{CALLBACK}?{urlencode({'code': query_of(first)['code'], 'state': fresh_state})}"
    )

    refused_clearly(answer, post)
    assert "_auth_user_id" not in guest.session


def test_the_provider_refuses_a_code_request_without_pkce(oidc):
    # Proof that PKCE is enforced on the other side too: without it no code is handed out.
    asked = {"response_type": "code", "client_id": "byline-in-process", "scope": "openid",
             "redirect_uri": "http://testserver" + CALLBACK, "state": "abc"}  # fmt: skip
    session = requests.Session()
    location = sign_in_at_provider(f"{oidc.server_url}/authorize/?{urlencode(asked)}", session)

    assert urlsplit(location).netloc == "testserver"
    assert query_of(location).get("error") == "invalid_request"
    assert "code" not in query_of(location)
