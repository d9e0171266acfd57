"""The status tabs count the blog's comments exactly: All, Pending, Approved, Spam, Trash."""

from byline.comments.models import Comment
from byline.comments.tests.moderating import (
    action_url,
    comment_on,
    listed,
    parsed,
    queue_url,
    tab_counts,
)
from tests.factories import BlogFactory, PostFactory

S = Comment.Status


def test_tabs_count_each_status_of_this_blog_only(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    statuses = [S.APPROVED] * 2 + [S.PENDING] * 3 + [S.SPAM] + [S.TRASH] * 2
    made = [comment_on(post, status) for status in statuses]
    comment_on(PostFactory(blog=BlogFactory(slug="kitchen")))  # another blog's
    member = signed_in(alice)

    response = member.get(queue_url(demo_blog))

    assert tab_counts(response) == {"All": 5, "Pending": 3, "Approved": 2, "Spam": 1, "Trash": 2}
    assert sorted(listed(response)) == sorted(c.pk for c in made[:5])
    current = parsed(response).select_one(".status-tabs a[aria-current=page]")
    assert current.get_text().startswith("All")


def test_counts_follow_each_action(alice, signed_in, demo_blog):
    held = comment_on(PostFactory(blog=demo_blog))
    member = signed_in(alice)

    member.post(action_url(held, "spam"))

    response = member.get(queue_url(demo_blog, status="spam"))
    assert tab_counts(response) == {"All": 0, "Pending": 0, "Approved": 0, "Spam": 1, "Trash": 0}
    assert listed(response) == [held.pk]
    assert parsed(response).select_one(".status-tabs a[aria-current=page]")["href"] == (
        "?status=spam"
    )


def test_an_unknown_tab_is_not_found(alice, signed_in, demo_blog):
    assert signed_in(alice).get(queue_url(demo_blog, status="deleted")).status_code == 404
