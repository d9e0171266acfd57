"""A like reads the liked post and its blog in one query, and builds them as the ORM would.

The post is read with a written-out statement (byline/social/views/likes.py), so these
check that it is the same Post the ORM's select_related("blog").defer(long texts) gave:
every value, of every type, converted the same way (SQLite keeps datetimes as text); and
that who may like what is unchanged: anyone a public post (one query), a member a private
one, nobody a draft or a post whose time has not come.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from byline.posts.models import LONG_TEXTS, Post
from byline.social.views import likes as views
from tests.factories import PostFactory


def as_the_orm_reads_it(pk: int) -> Post:
    return Post.objects.select_related("blog").defer(*LONG_TEXTS).get(pk=pk)


def values(instance) -> dict:
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def test_the_post_and_its_blog_are_the_ones_the_orm_builds(demo_blog):
    demo_blog.time_zone = "Pacific/Auckland"
    demo_blog.save()
    post = PostFactory(blog=demo_blog, title="Tides", sticky=True, password="sesame",
                       excerpt="Short.", menu_order=3)  # fmt: skip

    ours, orm = views._post_with_blog(post.pk), as_the_orm_reads_it(post.pk)

    assert values(ours) == values(orm)
    assert ours.get_deferred_fields() == orm.get_deferred_fields() == set(LONG_TEXTS)
    assert values(ours.blog) == values(orm.blog)
    assert ours._state.adding is False and ours.blog._state.adding is False
    # The values a like uses, with their types: aware datetimes, a date, a bool.
    assert timezone.is_aware(ours.published_at) and ours.published_at == post.published_at
    assert isinstance(ours.pub_date, datetime.date) and ours.sticky is True
    assert ours.get_absolute_url() == post.get_absolute_url()
    assert views._post_with_blog(post.pk + 1000) is None


def asking(user) -> object:
    request = RequestFactory().post("/")
    request.user = user
    return request


def test_a_public_post_is_read_in_one_query(post, charlie, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert views.readable_post(asking(charlie), post.pk).pk == post.pk
    with django_assert_num_queries(1):
        assert views.readable_post(asking(AnonymousUser()), post.pk).pk == post.pk


def test_a_private_post_is_read_by_its_members_only(
    demo_blog, alice, bob, charlie, django_assert_num_queries
):
    private = PostFactory(blog=demo_blog, status=Post.Status.PRIVATE)
    # The post; then whether it is visible to its owner (three queries before, now two).
    with django_assert_num_queries(2):
        assert views.readable_post(asking(alice), private.pk).pk == private.pk
    with django_assert_num_queries(3):  # the post, bob's membership, then visible to him
        assert views.readable_post(asking(bob), private.pk).pk == private.pk
    with pytest.raises(Http404):
        views.readable_post(asking(charlie), private.pk)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Post.Status.DRAFT},
        {"status": Post.Status.PENDING},
        {
            "status": Post.Status.SCHEDULED,
            "published_at": timezone.now() + datetime.timedelta(days=1),
        },
        {
            "status": Post.Status.PRIVATE,
            "published_at": timezone.now() + datetime.timedelta(days=1),
        },
    ],
)
def test_what_is_not_out_yet_is_nobodys_to_like(demo_blog, alice, fields):
    hidden = PostFactory(blog=demo_blog, **fields)
    with pytest.raises(Http404):
        views.readable_post(asking(alice), hidden.pk)


def test_a_scheduled_post_whose_time_has_come_is_anyones(demo_blog, charlie):
    due = PostFactory(blog=demo_blog, status=Post.Status.SCHEDULED)  # published a day ago
    assert views.readable_post(asking(charlie), due.pk).pk == due.pk


def test_a_missing_post_is_a_404(charlie):
    with pytest.raises(Http404):
        views.readable_post(asking(charlie), 999_999)
