"""A guest can comment from a cached page, which holds no CSRF token; a signed-in reader cannot
post without one. (Why this is safe: byline/pagecache/csrf.py.)"""

from __future__ import annotations

import time

import time_machine
from django.test import Client

from byline.comments.models import Comment
from byline.comments.tests.commenting import GUEST, form_fields
from tests.factories import PostFactory


def careful_client() -> Client:
    return Client(enforce_csrf_checks=True)


def send(client, post, **typed):
    fields = form_fields(client.get(post.get_absolute_url()))
    fields.update(typed)
    with time_machine.travel(time.time() + 10, tick=False):
        return client.post(post.get_absolute_url(), fields)


def test_guest_posts_a_comment_from_the_cached_page_without_a_token(demo_blog):
    post = PostFactory(blog=demo_blog)
    Client().get(post.get_absolute_url())  # the page is now in the cache

    answer = send(careful_client(), post, **GUEST, comment="No token needed")

    assert answer.status_code == 303
    assert Comment.objects.get(post=post).content == "No token needed"


def test_signed_in_reader_without_a_token_is_refused(demo_blog, charlie):
    post = PostFactory(blog=demo_blog)
    reader = careful_client()
    reader.force_login(charlie)

    answer = reader.post(post.get_absolute_url(), {"comment": "Forged for Charlie"})

    assert answer.status_code == 403
    assert not Comment.objects.filter(post=post).exists()


def test_signed_in_reader_with_the_token_of_their_page_posts(demo_blog, charlie):
    post = PostFactory(blog=demo_blog)
    reader = careful_client()
    reader.force_login(charlie)

    answer = send(reader, post, comment="Signed and sealed")

    assert answer.status_code == 303
    assert Comment.objects.get(post=post).user == charlie


def test_guest_sign_in_icon_works_from_the_cached_page(demo_blog):
    post = PostFactory(blog=demo_blog)
    answer = careful_client().post(
        f"/accounts/comment-sign-in/?next={post.get_absolute_url()}",
        {"comment": "Keep this", "sign_in": "byline"},
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/")
