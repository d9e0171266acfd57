"""Only the blog's moderators find its queue: to everyone else it does not exist (404).

A 403 would confirm that the blog's queue is there, so contributors, outsiders and the
members of other blogs get the same 404 as for any unknown address; guests are asked to
log in first.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.comments.tests.moderating import action_url, comment_on, queue_url
from tests.factories import BlogFactory, MembershipFactory, PostFactory, UserFactory

ACTIONS = ["approve", "unapprove", "spam", "unspam", "trash", "restore", "delete", "edit",
           "reply", "bulk"]  # fmt: skip
STATUS_FOR = {"unapprove": Comment.Status.APPROVED, "unspam": Comment.Status.SPAM,
              "restore": Comment.Status.TRASH, "delete": Comment.Status.TRASH}  # fmt: skip


def contributor(blog):
    user = UserFactory(username="cora")
    MembershipFactory(blog=blog, user=user, role=Membership.Role.CONTRIBUTOR)
    return user


def member_elsewhere(blog):
    other = BlogFactory(slug="kitchen")
    MembershipFactory(blog=other, user=other.owner, role=Membership.Role.ADMINISTRATOR)
    return other.owner


def outsider(blog):
    return UserFactory(username="charlie")


PERSONAS = {"contributor": contributor, "charlie": outsider, "other-blog": member_elsewhere}


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_is_not_found_for_people_who_cannot_moderate(persona, signed_in, demo_blog):
    comment_on(PostFactory(blog=demo_blog))
    client = signed_in(PERSONAS[persona](demo_blog))

    assert client.get(queue_url(demo_blog)).status_code == 404
    assert client.get(queue_url(demo_blog, status="spam")).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_action_is_not_found_for_people_who_cannot_moderate(
    persona, action, signed_in, demo_blog
):
    post = PostFactory(blog=demo_blog)
    comment = comment_on(post, STATUS_FOR.get(action, Comment.Status.PENDING))
    before = Comment.objects.values().get(pk=comment.pk)
    client = signed_in(PERSONAS[persona](demo_blog))
    data = {"action": action, "comment": [comment.pk], "content": "Taken over",
            "author_name": "Intruder", "author_email": "x@example.test"}  # fmt: skip

    if action in ("edit", "reply"):
        assert client.get(action_url(comment, action)).status_code == 404
    response = client.post(action_url(comment, action), data)

    assert response.status_code == 404
    assert Comment.objects.values().get(pk=comment.pk) == before
    assert Comment.objects.count() == 1


def test_guest_is_asked_to_log_in(guest, demo_blog):
    comment = comment_on(PostFactory(blog=demo_blog))
    login = resolve_url(settings.LOGIN_URL)

    response = guest.get(queue_url(demo_blog, status="pending"))
    posted = guest.post(action_url(comment, "approve"))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{login}?next=")
    assert posted.status_code == 302 and posted["Location"].startswith(login)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_unknown_blog_or_comment_is_not_found(alice, signed_in, demo_blog):
    client = signed_in(alice)
    other = BlogFactory(slug="kitchen")
    foreign = comment_on(PostFactory(blog=other))

    assert client.get("/dashboard/no-such-blog/comments/").status_code == 404
    # alice moderates demo, but this comment belongs to another blog: not through demo's queue.
    address = action_url(foreign, "approve").replace("/kitchen/", "/demo/")
    assert client.post(address).status_code == 404
