"""A like answered in place gives back the CSRF token the reader sent, which goes on working.

The answer is the likes section again, with a form that needs a token. Masking a new one
took a twentieth of a like's CPU and sent the cookie again; the token that just passed the
check is as good. A bare secret is never given back (a compressed answer must not hold it).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from byline.social.models import Like

from .liking import HTMX, likes_block, parsed, press_like
from .test_like_a_comment import approved, comment_like, press


def token_in(answer) -> str:
    return likes_block(answer).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def a_reader(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def test_each_answer_carries_the_token_sent_and_it_toggles_again(charlie, post):
    browser = a_reader(charlie)
    answer = browser.get(post.get_absolute_url())
    sent = token_in(answer)

    for expected in (True, False, True, False):
        answer = press_like(browser, answer, **HTMX)  # the form the last answer drew
        assert answer.status_code == 200
        assert token_in(answer) == sent
        assert settings.CSRF_COOKIE_NAME not in answer.cookies  # no new cookie either
        assert Like.objects.filter(user=charlie, post=post).exists() is expected


def test_a_token_sent_in_the_header_is_the_one_given_back(charlie, post):
    browser = a_reader(charlie)
    token = token_in(browser.get(post.get_absolute_url()))

    answer = browser.post(reverse("social:like_post", args=[post.pk]), {"action": "like"},
                          HTTP_X_CSRFTOKEN=token, **HTMX)  # fmt: skip

    assert answer.status_code == 200
    assert token_in(answer) == token


def test_a_bare_secret_is_never_given_back(charlie, post):
    browser = a_reader(charlie)
    browser.get(post.get_absolute_url())
    secret = browser.cookies[settings.CSRF_COOKIE_NAME].value  # Django takes it unmasked too

    answer = browser.post(reverse("social:like_post", args=[post.pk]),
                          {"action": "like", "csrfmiddlewaretoken": secret}, **HTMX)  # fmt: skip

    assert answer.status_code == 200
    assert secret not in answer.content.decode()
    assert re.fullmatch(r"[A-Za-z0-9]{64}", token_in(answer))  # masked anew
    assert press_like(browser, answer, **HTMX).status_code == 200  # and it works


def test_a_liked_comment_answers_with_the_token_sent(charlie, post):
    said = approved(post, "Lovely light.")
    browser = a_reader(charlie)
    page = browser.get(post.get_absolute_url())
    form = parsed(page).find(id=f"comment-like-{said.pk}").form
    sent = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]

    answer = press(browser, page, said, **HTMX)
    again = press(browser, answer, said, **HTMX)  # the answer's own form: "Liked"

    assert answer.status_code == again.status_code == 200
    assert f'name="csrfmiddlewaretoken" value="{sent}"' in answer.content.decode()
    assert comment_like(again, said) == ("Like", "")
