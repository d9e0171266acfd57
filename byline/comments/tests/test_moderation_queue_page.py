"""A member reads the queue: who wrote each comment, where, when, and what it says."""

import datetime

from byline.comments.models import Comment
from byline.comments.tests.moderating import (
    action_url,
    comment_on,
    listed,
    messages_shown,
    parsed,
    queue_url,
)
from tests.factories import PostFactory


def test_member_sees_each_comments_author_post_date_and_text(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog, title="Harbour lights")
    comment = comment_on(
        post,
        author_name="Zoë Reader",
        author_email="zoe@example.test",
        author_url="https://zoe.example.test/",
        author_ip="198.51.100.23",
        content="Seen from the <em>pier</em>.",
    )

    page = parsed(signed_in(alice).get(queue_url(demo_blog)))

    headings = [th.get_text(strip=True) for th in page.select("table.comment-queue thead th")]
    assert headings == ["Select", "Author", "Comment", "In response to", "Submitted on"]
    row = page.find(id=f"comment-{comment.pk}")
    author = row.select_one(".author-column")
    assert author.select_one(".comment-author").get_text(strip=True) == "Zoë Reader"
    assert author.find("a", href="mailto:zoe@example.test")
    website = author.find("a", href="https://zoe.example.test/")
    assert "nofollow" in website["rel"]
    assert "198.51.100.23" in author.get_text()
    assert row.select_one(".comment-content em").get_text() == "pier"
    assert row.select_one(".post-column a")["href"] == post.get_absolute_url()
    assert row.select_one(".post-column a").get_text() == "Harbour lights"
    shown_at = datetime.datetime.fromisoformat(row.select_one("time")["datetime"])
    assert shown_at == comment.created_at.replace(microsecond=0)
    checkbox = row.find("input", type="checkbox")
    assert row.find("label", attrs={"for": checkbox["id"]}).get_text() == (
        "Select the comment by Zoë Reader"
    )


def test_each_row_offers_only_the_actions_its_status_allows(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    held = comment_on(post)
    trashed = comment_on(post, Comment.Status.TRASH)
    member = signed_in(alice)

    def offered(tab, comment):
        row = parsed(member.get(queue_url(demo_blog, status=tab))).find(id=f"comment-{comment.pk}")
        return [c.get_text() for c in row.select(".row-actions button, .row-actions a")]

    assert offered("pending", held) == ["Approve", "Spam", "Trash", "Reply", "Edit"]
    assert offered("trash", trashed) == ["Restore", "Delete permanently"]


def test_queue_shows_fifty_comments_a_page_and_actions_return_to_that_page(
    alice, signed_in, demo_blog
):
    post = PostFactory(blog=demo_blog)
    comments = [comment_on(post) for _ in range(51)]
    member = signed_in(alice)

    first = member.get(queue_url(demo_blog, status="pending"))
    second = member.get(queue_url(demo_blog, status="pending", page=2))

    assert len(listed(first)) == 50
    assert listed(second) == [comments[0].pk]  # newest first: the oldest is last
    page_two = queue_url(demo_blog, status="pending", page=2)
    response = member.post(action_url(comments[0], "spam"), {"next": page_two})
    assert response["Location"] == page_two
    # Page 2 is now empty, so the queue shows its last page instead of an error.
    after = member.get(response["Location"])
    assert messages_shown(after) == ["1 comment marked as spam."]
    assert len(listed(after)) == 50


def test_an_outside_address_to_go_back_to_is_ignored(alice, signed_in, demo_blog):
    comment = comment_on(PostFactory(blog=demo_blog))

    response = signed_in(alice).post(
        action_url(comment, "approve"),
        {"next": "https://evil.example.test/dashboard/demo/comments/"},
    )

    assert response["Location"] == queue_url(demo_blog)
