"""The faces under a post read only the liker columns they show, and show the same thing."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.accounts.avatars import picture_url
from byline.accounts.models import User
from byline.social import likes
from byline.social.models import Like
from tests.factories import UserFactory


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
