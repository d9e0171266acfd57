"""The blog's owner, administrators and editors moderate every comment on it (as in WordPress)."""

import pytest

from byline.blogs.models import Membership
from byline.comments.tests.moderating import action_url, comment_on, listed, queue_url
from tests.factories import BlogFactory, MembershipFactory, PostFactory, UserFactory


def owner_without_membership():
    blog = BlogFactory(slug="demo", owner=UserFactory(username="olga"))
    return blog, blog.owner


def with_role(role):
    def make():
        blog = BlogFactory(slug="demo")
        user = UserFactory()
        MembershipFactory(blog=blog, user=user, role=role)
        return blog, user

    return make


CAST = {
    "owner": owner_without_membership,
    "administrator": with_role(Membership.Role.ADMINISTRATOR),
    "editor": with_role(Membership.Role.EDITOR),
}


@pytest.mark.parametrize("who", CAST)
def test_owner_administrators_and_editors_moderate_every_comment(who, db, signed_in):
    blog, user = CAST[who]()
    comments = [comment_on(PostFactory(blog=blog, author=UserFactory())) for _ in range(2)]
    client = signed_in(user)

    assert sorted(listed(client.get(queue_url(blog)))) == sorted(c.pk for c in comments)
    assert client.post(action_url(comments[0], "approve")).status_code == 303
