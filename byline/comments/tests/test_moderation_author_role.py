"""An author moderates the comments on their own posts, and no one else's (as in WordPress)."""

import pytest

from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.comments.tests.moderating import action_url, comment_on, listed, queue_url, tab_counts
from tests.factories import MembershipFactory, PostFactory, UserFactory


@pytest.fixture
def dora(demo_blog):
    """An author on demo: she writes her own posts and looks after their comments."""
    user = UserFactory(username="dora", display_name="Dora Author")
    MembershipFactory(blog=demo_blog, user=user, role=Membership.Role.AUTHOR)
    return user


def test_author_sees_and_counts_only_comments_on_her_own_posts(dora, alice, signed_in, demo_blog):
    own = comment_on(PostFactory(blog=demo_blog, author=dora))
    comment_on(PostFactory(blog=demo_blog, author=alice))

    response = signed_in(dora).get(queue_url(demo_blog))

    assert listed(response) == [own.pk]
    assert tab_counts(response)["Pending"] == 1


def test_author_approves_a_comment_on_her_own_post(dora, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog, author=dora)
    held = comment_on(post)

    response = signed_in(dora).post(action_url(held, "approve"))

    assert response.status_code == 303
    held.refresh_from_db()
    post.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert post.comment_count == 1


@pytest.mark.parametrize("action", ["approve", "spam", "trash", "edit", "reply", "bulk"])
def test_author_cannot_touch_comments_on_someone_elses_post(
    action, dora, alice, signed_in, demo_blog
):
    held = comment_on(PostFactory(blog=demo_blog, author=alice))
    before = Comment.objects.values().get(pk=held.pk)
    data = {"content": "Mine now", "author_name": "x", "action": "spam", "comment": [held.pk]}

    response = signed_in(dora).post(action_url(held, action), data)

    if action == "bulk":  # the ticked comment is not hers, so nothing happens to it
        assert response.status_code == 303
    else:
        assert response.status_code == 404
    assert Comment.objects.values().get(pk=held.pk) == before
    assert not Comment.objects.filter(content="Mine now").exists()
