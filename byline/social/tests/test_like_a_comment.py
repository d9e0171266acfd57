"""Each comment has a small Like link; its count shows beside it, one query for all of them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.social.models import Like, Notification
from tests.factories import UserFactory

from .liking import HTMX, parsed


def approved(post, text: str, user=None, parent=None) -> Comment:
    return Comment.objects.create(
        post=post, content=text, user=user, parent=parent, status=Comment.Status.APPROVED,
        author_name=user.public_name if user else "Ann Guest", author_email="ann@example.test",
    )  # fmt: skip


def comment_like(response, comment) -> tuple[str, str]:
    """Return the comment's Like button text and its count text ("" for none)."""
    box = parsed(response).find(id=f"comment-like-{comment.pk}")
    count = box.select_one(".comment-like-count")
    return box.button.get_text(strip=True), count.get_text(strip=True) if count else ""


def press(client, response, comment, **extra):
    form = parsed(response).find(id=f"comment-like-{comment.pk}").form
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    return client.post(form["action"], fields, **extra)


def test_reader_likes_a_comment_and_its_writer_is_told(signed_in, charlie, post):
    writer = UserFactory(username="dana", display_name="Dana")
    said = approved(post, "Lovely light.", user=writer)
    reader = signed_in(charlie)
    page = reader.get(post.get_absolute_url())
    assert comment_like(page, said) == ("Like", "")

    sent = press(reader, page, said)

    assert sent.status_code == 303 and sent["Location"].endswith(f"#comment-{said.pk}")
    page = reader.get(post.get_absolute_url())
    assert comment_like(page, said) == ("Liked", "1 like")
    told = Notification.objects.get(recipient=writer)
    assert (told.kind, told.actor, told.comment) == ("like", charlie, said)

    press(reader, page, said)  # "Liked" takes it back, with its notification
    assert comment_like(reader.get(post.get_absolute_url()), said) == ("Like", "")
    assert not Notification.objects.filter(recipient=writer).exists()


def test_htmx_swaps_only_the_comments_like(signed_in, charlie, post):
    said = approved(post, "Hello")
    reader = signed_in(charlie)
    answer = press(reader, reader.get(post.get_absolute_url()), said, **HTMX)
    assert answer.status_code == 200
    assert comment_like(answer, said) == ("Liked", "1 like")


def test_comment_like_counts_cost_the_same_queries_for_many_comments(guest, post):
    fans = [UserFactory(username=f"fan{n}") for n in range(3)]

    def queries() -> int:
        guest.get(post.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            guest.get(post.get_absolute_url())
        return len(captured)

    first = approved(post, "First")
    Like.add(fans[0], comment=first)
    few = queries()
    for n in range(10):
        said = approved(post, f"Comment {n}", parent=first if n % 2 else None)
        for fan in fans:
            Like.add(fan, comment=said)

    assert queries() == few
    page = guest.get(post.get_absolute_url())
    assert comment_like(page, said) == ("Like", "3 likes")


def test_a_like_of_a_post_and_of_its_comment_are_separate(signed_in, charlie, post):
    said = approved(post, "Hi")
    Like.add(charlie, post=post)
    Like.add(charlie, comment=said)
    Like.add(charlie, comment=said)
    assert Like.objects.filter(post=post).count() == 1
    assert Like.objects.filter(comment=said).count() == 1
