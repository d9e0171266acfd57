"""A signed-in reader's Likes past ACCOUNT_RATE_LIMITS["like"] are refused with a 429 and
a Retry-After, and a changed limit applies at once (security/ratelimits.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import PostFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def address(demo_blog):
    return f"/read/like/post/{PostFactory(blog=demo_blog).pk}/"


def test_likes_past_the_limit_wait_for_the_period(signed_in, charlie, address, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "like": "3/m/user"}
    reader = signed_in(charlie)
    answers = [reader.post(address, {"action": a}, **HTMX).status_code
               for a in ("like", "unlike", "like", "unlike")]  # fmt: skip
    assert answers == [200, 200, 200, 429]
    refused = reader.post(address, {"action": "unlike"}, **HTMX)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"

    cache.clear()  # the minute has passed
    assert reader.post(address, {"action": "unlike"}, **HTMX).status_code == 200


def test_a_changed_limit_applies_at_once(signed_in, charlie, address, settings):
    reader = signed_in(charlie)
    assert reader.post(address, {"action": "like"}, **HTMX).status_code == 200
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "like": "1/5m/user"}
    # Each rate counts apart (its text is in the cache key): one more goes through.
    assert reader.post(address, {"action": "unlike"}, **HTMX).status_code == 200
    refused = reader.post(address, {"action": "like"}, **HTMX)
    assert refused.status_code == 429 and refused["Retry-After"] == "300"
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's way of turning every limit off
    assert reader.post(address, {"action": "unlike"}, **HTMX).status_code == 200


def test_each_reader_has_a_count_of_their_own(signed_in, charlie, alice, address, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "like": "1/m/user"}
    assert signed_in(charlie).post(address, {"action": "like"}, **HTMX).status_code == 200
    assert signed_in(alice).post(address, {"action": "like"}, **HTMX).status_code == 200
