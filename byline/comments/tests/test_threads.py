"""Threaded discussions: replies nest under what they answer, pages of threads, depth limits."""

import datetime

from django.utils import timezone

from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PostFactory

from .commenting import GUEST, fill_and_send, parsed


def approved(post, text, parent=None, minutes=0, **extra):
    return Comment.objects.create(
        post=post, parent=parent, content=text, author_name=extra.pop("name", "Reader"),
        status=Comment.Status.APPROVED,
        created_at=timezone.now() - datetime.timedelta(minutes=1000 - minutes), **extra,
    )  # fmt: skip


def test_reply_without_javascript_goes_under_its_comment(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, hold_first_comment=False)
    post = PostFactory(blog=demo_blog)
    question = approved(post, "Where was this taken?", name="Ann")

    reply_page = guest.get(f"{post.get_absolute_url()}?replytocom={question.pk}")
    assert parsed(reply_page).find(id="reply-title").get_text().startswith("Reply to Ann")
    response = fill_and_send(
        guest, post, address=f"{post.get_absolute_url()}?replytocom={question.pk}",
        **GUEST, comment="On the coast path.",
    )  # fmt: skip

    assert response.status_code == 303
    answer = Comment.objects.get(content="On the coast path.")
    assert (answer.parent, answer.depth) == (question, 2)
    page = parsed(guest.get(post.get_absolute_url()))
    nested = page.select_one(f"#comment-{question.pk} > ol.children > #comment-{answer.pk}")
    assert nested is not None


def test_replies_deeper_than_the_limit_join_the_deepest_level(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, thread_depth=3, hold_first_comment=False)
    post = PostFactory(blog=demo_blog)
    one = approved(post, "one")
    two = approved(post, "two", parent=one, minutes=1)
    three = approved(post, "three", parent=two, minutes=2)

    fill_and_send(guest, post, **GUEST, comment="four", parent=str(three.pk))

    four = Comment.objects.get(content="four")
    assert (four.parent, four.depth) == (two, 3)


def test_threads_are_paginated_at_comment_page_n(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, threads_per_page=2)
    post = PostFactory(blog=demo_blog)
    first, second, third = (approved(post, f"thread {n}", minutes=n) for n in range(3))
    approved(post, "reply to third", parent=third, minutes=10)

    page_one = parsed(guest.get(post.get_absolute_url()))
    page_two = parsed(guest.get(f"{post.get_absolute_url()}comment-page-2/"))

    assert [li["id"] for li in page_one.select(".comment-list > li")] == [
        f"comment-{first.pk}", f"comment-{second.pk}"]  # fmt: skip
    assert [li["id"] for li in page_two.select(".comment-list > li")] == [f"comment-{third.pk}"]
    assert page_two.select_one(f"#comment-{third.pk} .children .comment") is not None
    assert guest.get(f"{post.get_absolute_url()}comment-page-9/").status_code == 404


def test_newest_first_blogs_show_the_newest_thread_on_top(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, newest_first=True)
    post = PostFactory(blog=demo_blog)
    old, new = approved(post, "old", minutes=1), approved(post, "new", minutes=2)
    page = parsed(guest.get(post.get_absolute_url()))
    ids = [li["id"] for li in page.select(".comment-list > li")]
    assert ids == [f"comment-{new.pk}", f"comment-{old.pk}"]


def test_comment_shows_avatar_linked_name_date_and_permalink(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    comment = approved(post, "Hi", name="Ann", author_url="https://ann.example",
                       author_email="ann@example.test")  # fmt: skip
    item = parsed(guest.get(post.get_absolute_url())).find(id=f"comment-{comment.pk}")
    link = item.select_one(".comment-author a")
    assert link["href"] == "https://ann.example"
    assert set(link["rel"]) >= {"nofollow", "ugc"}
    assert item.select_one(".comment-date")["href"] == f"#comment-{comment.pk}"
    avatar = item.select_one("img.avatar")["src"]
    assert avatar.startswith("/avatar/") and "ann" not in avatar
    assert guest.get(avatar)["Content-Type"] == "image/svg+xml"
    assert "ann@example.test" not in guest.get(post.get_absolute_url()).content.decode()


def test_returning_guest_finds_their_details_filled_in(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    fill_and_send(guest, post, **GUEST, url="https://zoe.example", comment="Hi", remember="on")
    form = parsed(guest.get(PostFactory(blog=demo_blog).get_absolute_url())).find(id="commentform")
    assert form.find("input", attrs={"name": "author"})["value"] == "Zoë Reader"
    assert form.find("input", attrs={"name": "email"})["value"] == "zoe@example.test"
    assert form.find("input", attrs={"name": "remember"}).has_attr("checked")


def test_guest_who_does_not_consent_is_not_remembered(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    fill_and_send(guest, post, **GUEST, comment="Hi")
    form = parsed(guest.get(post.get_absolute_url())).find(id="commentform")
    assert not form.find("input", attrs={"name": "author"}).get("value")
