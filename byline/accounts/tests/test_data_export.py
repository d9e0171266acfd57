"""A reader downloads everything Byline keeps about them, as JSON."""

from __future__ import annotations

import json

from allauth.socialaccount.models import SocialAccount

from byline.comments.models import Comment
from tests.factories import PostFactory


def test_export_holds_the_account_its_comments_and_connections(signed_in, charlie, demo_blog):
    post = PostFactory(blog=demo_blog)
    Comment.objects.create(post=post, user=charlie, author_name="Charlie Outsider",
                           author_email="charlie@example.test", content="Nice!",
                           status=Comment.Status.APPROVED)  # fmt: skip
    SocialAccount.objects.create(user=charlie, provider="loopback", uid="42",
                                 extra_data={"access_token": "never exported"})  # fmt: skip

    answer = signed_in(charlie).get("/accounts/export/")

    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert answer["Content-Disposition"] == 'attachment; filename="byline-charlie.json"'
    data = json.loads(answer.content)
    assert data["account"]["username"] == "charlie"
    assert data["email_addresses"] == [{"email": "charlie@example.test", "verified": True,
                                        "primary": True}]  # fmt: skip
    assert data["comments"][0]["content"] == "Nice!"
    assert data["comments"][0]["post"] == post.get_absolute_url()
    assert data["connected_accounts"][0]["provider"] == "loopback"
    assert "never exported" not in answer.content.decode()


def test_nobody_else_can_download_it(guest, db):
    assert guest.get("/accounts/export/")["Location"].startswith("/accounts/login/")
