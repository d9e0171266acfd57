"""The faces under a post read only the liker columns they show, and show the same thing.

They are read with a written-out statement (likes.FACES_SQL); the ORM query it replaced
is kept here to check that both pick the same likers, blogs and count.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.accounts.avatars import picture_url
from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.social import likes
from byline.social.models import Like
from tests.factories import BlogFactory, UserFactory


def test_each_face_shows_its_likers_name_picture_and_link(post, charlie, demo_blog):
    named = UserFactory(username="named", display_name="", first_name="Ada", last_name="Byron")
    pictured = UserFactory(username="pictured", display_name="Pic Tured")
    User.objects.filter(pk=pictured.pk).update(avatar="avatars/pictured/abc123.png")
    blogger = demo_blog.owner  # alice: her face links to her blog
    for user in (charlie, named, pictured, blogger):
        Like.objects.create(user=user, post=post)

    with CaptureQueriesContext(connection) as captured:
        shown = likes.of_post(post, charlie, liked=True)
    assert len(captured) == 1  # the faces, with no column of a liker read later one by one
    assert '"accounts_user"."password"' not in captured[0]["sql"]

    expected = {}
    for user in User.objects.filter(pk__in=[charlie.pk, named.pk, pictured.pk, blogger.pk]):
        expected[user.public_name] = picture_url(user)
    assert {face.name: face.picture for face in shown.likers} == expected
    assert "Ada Byron" in expected and "/picture/abc123.png" in expected["Pic Tured"]
    links = {face.name: face.link for face in shown.likers}
    assert links["Alice Moreau"] == demo_blog.get_absolute_url()
    assert links["Charlie Outsider"] == charlie.get_absolute_url()


def as_the_orm_reads_them(post) -> list[tuple[str, str, int]]:
    """The faces by the ORM query they were once read with: name, link, total."""
    first_blog = Blog.objects.filter(owner=OuterRef("user")).order_by("created_at", "pk")
    rows = (
        Like.objects.filter(post=post).select_related("user")
        .annotate(blog_slug=Subquery(first_blog.values("slug")[:1]),
                  total=Subquery(Like.objects.filter(post=post).values("post")
                                 .annotate(n=Count("*")).values("n")))
        .order_by("-created_at", "-pk")[: likes.FACES]
    )  # fmt: skip
    return [(like.user.public_name,
             f"/{like.blog_slug}/" if like.blog_slug else like.user.get_absolute_url(),
             like.total) for like in rows]  # fmt: skip


def test_the_faces_are_the_newest_likers_with_their_first_blog(post, demo_blog):
    # Likes at the same moment (a bulk import, a coarse clock): the later id comes first.
    moment = timezone.now()
    fans = [UserFactory(username=f"fan{n}", display_name=f"Fan {n}") for n in range(13)]
    Like.objects.bulk_create(Like(user=fan, post=post, created_at=moment) for fan in fans[:7])
    for n, fan in enumerate(fans[7:]):
        Like.objects.create(user=fan, post=post, created_at=moment + timedelta(seconds=n % 2))
    # A liker with two blogs links to the older one, ties broken by id.
    day_before = moment - timedelta(days=1)
    for slug, owner, when in (("newer", 12, moment), ("older", 12, day_before),
                              ("first", 11, moment), ("second", 11, moment)):  # fmt: skip
        blog = BlogFactory(slug=slug, owner=fans[owner])
        Blog.objects.filter(pk=blog.pk).update(created_at=when)

    shown = likes.of_post(post, AnonymousUser())
    expected = as_the_orm_reads_them(post)

    assert [(face.name, face.link) for face in shown.likers] == [(n, a) for n, a, _ in expected]
    assert shown.count == expected[0][2] == 13 and shown.more == 3
    links = {face.name: face.link for face in shown.likers}
    assert links["Fan 12"] == "/older/" and links["Fan 11"] == "/first/"
    assert links["Fan 10"] == "/people/fan10/"


def test_a_liker_who_changes_their_name_or_picture_shows_the_new_one(post, charlie):
    Like.objects.create(user=charlie, post=post)
    assert [f.name for f in likes.of_post(post, charlie).likers] == ["Charlie Outsider"]

    User.objects.filter(pk=charlie.pk).update(display_name="Chaz", avatar="avatars/c/new1.png")

    (face,) = likes.of_post(post, charlie).likers
    assert face.name == "Chaz" and face.picture.endswith("/picture/new1.png")
    assert likes.of_post(post, AnonymousUser(), liked=False).count == 1
