"""A member corrects a comment; the text is rendered again, and nothing hostile survives."""

from bs4 import BeautifulSoup
from django.test import Client

from byline.comments.models import Comment
from byline.comments.tests.moderating import (
    action_url,
    comment_on,
    messages_shown,
    parsed,
    queue_url,
)
from tests.factories import PostFactory


def test_edit_form_shows_the_comment_as_typed(alice, signed_in, demo_blog):
    comment = comment_on(
        PostFactory(blog=demo_blog), author_name="Zoë", author_url="https://zoe.example.test/",
        content="Teh tide was <b>high</b>.",
    )  # fmt: skip

    page = parsed(signed_in(alice).get(action_url(comment, "edit")))

    form = page.select_one("form.moderation-edit")
    assert form.find("textarea", attrs={"name": "content"}).get_text().strip() == (
        "Teh tide was <b>high</b>."
    )
    assert form.find("input", attrs={"name": "author_name"})["value"] == "Zoë"
    assert form.find("input", attrs={"name": "author_url"})["value"] == "https://zoe.example.test/"
    for name in ("content", "author_name", "author_email", "author_url"):
        field = form.find(attrs={"name": name})
        assert form.find("label", attrs={"for": field["id"]}), f"{name} has no label"


def test_member_edits_a_comment_and_it_is_rendered_again_safely(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    comment = comment_on(post, Comment.Status.APPROVED, content="Teh tide.")
    member = signed_in(alice)
    back = queue_url(demo_blog, status="approved")

    response = member.post(
        action_url(comment, "edit"),
        {
            "content": 'The <b>tide</b>.<script>alert("x")</script>\n\n'
            '<a href="javascript:alert(1)" onclick="alert(2)">tap</a> <img src=x onerror=alert(3)>',
            "author_name": '<script>alert("name")</script>Zoë',
            "author_email": "zoe@example.test",
            "author_url": "https://zoe.example.test/",
            "next": back,
        },
    )

    assert response.status_code == 303
    assert response["Location"] == back
    assert messages_shown(member.get(back)) == ["Comment updated."]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.content.startswith("The <b>tide</b>.")
    stored = BeautifulSoup(comment.content_html, "html.parser")
    assert stored.find("b").get_text() == "tide"
    assert not stored.find(["script", "img"])
    assert all("javascript" not in a.get("href", "") and not a.get("onclick")
               for a in stored.find_all("a"))  # fmt: skip
    page = parsed(Client().get(post.get_absolute_url()))
    shown = page.find(id=f"comment-{comment.pk}")
    assert not shown.find("script")
    assert not shown.select_one(".comment-content").find("img")
    assert not shown.find(attrs={"onerror": True}) and not shown.find(attrs={"onclick": True})
    assert shown.select_one(".comment-author").get_text() == '<script>alert("name")</script>Zoë'
    assert 'alert("x")' in shown.select_one(".comment-content").get_text()  # shown as text
    queue_row = parsed(member.get(back)).find(id=f"comment-{comment.pk}")
    assert not queue_row.find(["script", "img"])
    assert not queue_row.find(attrs={"onerror": True}) and not queue_row.find(
        attrs={"onclick": True}
    )


def test_edit_with_an_empty_comment_keeps_what_was_typed(alice, signed_in, demo_blog):
    comment = comment_on(PostFactory(blog=demo_blog), content="Original words.")

    response = signed_in(alice).post(
        action_url(comment, "edit"),
        {"content": "", "author_name": "A new name", "author_email": "not-an-email"},
    )

    assert response.status_code == 200
    page = parsed(response)
    assert page.select_one(".field-content .field-error")
    assert page.select_one(".field-author_email .field-error")
    assert page.find("input", attrs={"name": "author_name"})["value"] == "A new name"
    comment.refresh_from_db()
    assert comment.content == "Original words."
