"""Every change in the queue is a POST that carries the page's CSRF token, or it is refused."""

import pytest
from django.test import Client

from byline.comments.models import Comment
from byline.comments.tests.moderating import action_url, comment_on, parsed, queue_url
from tests.factories import PostFactory


@pytest.fixture
def careful(alice):
    """alice in a browser that checks CSRF tokens, as real browsers' requests are checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


@pytest.mark.parametrize("action", ["approve", "bulk", "edit", "reply"])
def test_a_post_without_the_csrf_token_is_refused(action, careful, demo_blog):
    held = comment_on(PostFactory(blog=demo_blog))
    data = {"action": "approve", "comment": [held.pk], "content": "Forged", "author_name": "F"}

    response = careful.post(action_url(held, action), data)

    assert response.status_code == 403
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1


def test_the_queue_form_carries_the_token_that_lets_the_action_through(careful, demo_blog):
    held = comment_on(PostFactory(blog=demo_blog))
    form = parsed(careful.get(queue_url(demo_blog))).select_one("form.moderation-form")
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    button = form.find("button", class_="action-approve")

    response = careful.post(button["formaction"], {"csrfmiddlewaretoken": token})

    assert response.status_code == 303
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED


def test_a_get_never_changes_a_comment(alice, signed_in, demo_blog):
    held = comment_on(PostFactory(blog=demo_blog))

    response = signed_in(alice).get(action_url(held, "approve"))

    assert response.status_code == 405
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING
