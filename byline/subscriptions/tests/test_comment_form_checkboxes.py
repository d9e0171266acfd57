"""The "Leave a Reply" form offers both email follow-ups, below the cookie consent."""

from __future__ import annotations

from byline.comments.tests.commenting import fill_and_send, parsed
from byline.subscriptions.tests.following import ZOE
from tests.factories import PostFactory

LABELS = ["Notify me of new comments via email.", "Notify me of new posts via email."]


def checkboxes(page) -> list[tuple[str, str, bool]]:
    return [
        (
            box["name"],
            page.find("label", attrs={"for": box["id"]}).get_text(),
            box.has_attr("checked"),
        )
        for box in page.select("#commentform .comment-subscription-form input[type=checkbox]")
    ]


def test_guest_sees_both_boxes_unticked_below_the_cookie_consent(guest, demo_blog):
    post = PostFactory(blog=demo_blog)

    page = parsed(guest.get(post.get_absolute_url()))

    assert checkboxes(page) == [
        ("subscribe_comments", LABELS[0], False),
        ("subscribe_blog", LABELS[1], False),
    ]
    order = [p.get("class", [""])[0] for p in page.select("#commentform > p")]
    consent = order.index("comment-form-cookies-consent")
    assert order[consent + 1 : consent + 3] == ["comment-subscription-form"] * 2


def test_signed_in_reader_sees_both_boxes_too(signed_in, charlie, demo_blog):
    post = PostFactory(blog=demo_blog)

    page = parsed(signed_in(charlie).get(post.get_absolute_url()))

    assert [label for _name, label, _ticked in checkboxes(page)] == LABELS


def test_ticked_boxes_stay_ticked_when_the_form_comes_back_with_an_error(guest, demo_blog):
    post = PostFactory(blog=demo_blog)

    response = fill_and_send(guest, post, **ZOE, comment="", subscribe_comments="on",
                             subscribe_blog="on")  # fmt: skip

    assert response.status_code == 400
    assert [ticked for _name, _label, ticked in checkboxes(parsed(response))] == [True, True]
