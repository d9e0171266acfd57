"""Spam defence that needs no outside service: bots land in spam, floods are slowed down."""

import time

import pytest
from django.core.cache import cache

from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PostFactory

from .commenting import GUEST, fill_and_send, parsed


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_blog(demo_blog):
    """A blog that publishes comments at once unless a spam rule says otherwise."""
    DiscussionSettings.objects.create(blog=demo_blog, hold_first_comment=False)
    return demo_blog


def test_bot_that_fills_the_honeypot_lands_in_spam(guest, open_blog):
    post = PostFactory(blog=open_blog)
    response = fill_and_send(guest, post, **GUEST, comment="Buy now", homepage="http://spam.test")
    assert response.status_code == 303  # a bot learns nothing
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_form_sent_faster_than_a_person_types_lands_in_spam(guest, open_blog):
    post = PostFactory(blog=open_blog)
    fill_and_send(guest, post, **GUEST, comment="Instant", wait=0)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_form_posted_without_loading_the_page_lands_in_spam(guest, open_blog):
    post = PostFactory(blog=open_blog)
    guest.post(post.get_absolute_url(), {**GUEST, "comment": "Drive-by", "started": "forged"})
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_person_who_waited_is_published(guest, open_blog):
    post = PostFactory(blog=open_blog)
    fill_and_send(guest, post, **GUEST, comment="Thoughtful")
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_same_comment_twice_is_refused_as_duplicate(guest, open_blog):
    post = PostFactory(blog=open_blog)
    fill_and_send(guest, post, **GUEST, comment="Same words")
    response = fill_and_send(guest, post, **GUEST, comment="Same words")
    assert response.status_code == 400
    assert "Duplicate comment detected" in parsed(response).select_one(".form-errors").get_text()
    assert Comment.objects.count() == 1


def test_flood_from_one_address_is_slowed_down_with_429(guest, open_blog, settings):
    settings.BYLINE_COMMENT_RATE = (3, 60)
    post = PostFactory(blog=open_blog)
    for n in range(3):
        assert fill_and_send(guest, post, **GUEST, comment=f"Note {n}").status_code == 303
    response = fill_and_send(guest, post, **GUEST, comment="One too many")
    assert response.status_code == 429
    assert "too quickly" in parsed(response).select_one(".form-errors").get_text()
    assert "One too many" in parsed(response).find("textarea").get_text()
    assert Comment.objects.count() == 3


def test_flood_that_straddles_the_edge_of_a_minute_is_slowed_down_too(guest, open_blog, settings):
    """Three comments just before a new minute and one just after are four in two seconds."""
    settings.BYLINE_COMMENT_RATE = (3, 60)
    post = PostFactory(blog=open_blog)
    edge = (time.time() // 60 + 2) * 60  # a minute's start, far enough ahead to wait for
    for n in range(3):
        sent = fill_and_send(guest, post, **GUEST, comment=f"Note {n}", wait=edge - 1 - time.time())
        assert sent.status_code == 303
    response = fill_and_send(
        guest, post, **GUEST, comment="Just after", wait=edge + 1 - time.time()
    )
    assert response.status_code == 429
    assert Comment.objects.count() == 3


def test_reader_who_was_slowed_down_comments_again_a_window_later(guest, open_blog, settings):
    settings.BYLINE_COMMENT_RATE = (3, 60)
    post = PostFactory(blog=open_blog)
    start = time.time()
    for n in range(4):
        fill_and_send(guest, post, **GUEST, comment=f"Note {n}", wait=10)
    later = fill_and_send(
        guest, post, **GUEST, comment="Later", wait=start + 10 + 121 - time.time()
    )
    assert later.status_code == 303
    assert Comment.objects.filter(content="Later").exists()


def test_comment_with_many_links_is_held(guest, open_blog):
    post = PostFactory(blog=open_blog)
    text = "See https://a.test and https://b.test and <a href='https://c.test'>this</a>"
    fill_and_send(guest, post, **GUEST, comment=text)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_blocked_word_sends_to_spam_and_moderation_word_holds(guest, open_blog):
    rules = open_blog.discussion
    rules.blocked_words = "casino\n203.0.113.9"
    rules.moderation_words = "crypto"
    rules.save()
    post = PostFactory(blog=open_blog)
    fill_and_send(guest, post, **GUEST, comment="Best CASINO offers")
    fill_and_send(guest, post, author="Ann", email="ann@example.test", comment="About crypto")
    statuses = dict(Comment.objects.values_list("author_name", "status"))
    assert statuses == {"Zoë Reader": "spam", "Ann": "pending"}


def test_hold_all_holds_even_returning_commenters(guest, open_blog):
    rules = open_blog.discussion
    rules.hold_all = True
    rules.save()
    fill_and_send(guest, PostFactory(blog=open_blog), **GUEST, comment="Hello")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_blog_member_comments_are_published_at_once(signed_in, demo_blog, bob):
    client = signed_in(bob)
    post = PostFactory(blog=demo_blog)
    response = fill_and_send(client, post, comment="Editor here.")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.status, comment.user, comment.author_name) == ("approved", bob, "Bob Okafor")


def test_first_comment_is_held_until_one_is_approved(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    fill_and_send(guest, post, **GUEST, comment="First")
    first = Comment.objects.get()
    assert first.status == Comment.Status.PENDING
    first.set_status(Comment.Status.APPROVED)
    fill_and_send(guest, post, **GUEST, comment="Second")
    assert Comment.objects.get(content="Second").status == Comment.Status.APPROVED
