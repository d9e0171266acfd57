"""How the email tests set the scene: a blog whose rules publish guests' comments at once."""

from __future__ import annotations

from django.utils import timezone

from byline.comments.models import DiscussionSettings
from byline.comments.tests.commenting import fill_and_send
from byline.subscriptions.models import Subscription

ZOE = {"author": "Zoë Reader", "email": "zoe@example.test"}
YANN = {"author": "Yann Other", "email": "yann@example.test"}


def publish_guests_at_once(blog) -> None:
    """Let guests' comments appear without moderation (the default holds a first comment)."""
    DiscussionSettings.objects.update_or_create(blog=blog, defaults={"hold_first_comment": False})


def comment(client, post, who: dict, text: str, **ticked):
    """Send the comment form as `who`, ticking the named boxes; assert it was taken."""
    boxes = {name: "on" for name, on in ticked.items() if on}
    response = fill_and_send(client, post, comment=text, **who, **boxes)
    assert response.status_code == 303, response.content.decode()[:2000]
    return response


def confirmed_subscriber(email: str, post=None, blog=None) -> Subscription:
    """Store a subscription that was confirmed already (to a post's comments, or a blog's posts)."""
    if post is not None:
        kind, blog = Subscription.Kind.COMMENTS, post.blog
    else:
        kind = Subscription.Kind.POSTS
    return Subscription.objects.create(
        kind=kind, blog=blog, post=post, email=email, confirmed_at=timezone.now()
    )
