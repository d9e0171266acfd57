"""An outside account whose email a Byline account already uses takes nothing over: no new
account, nobody signed in, and the address's owner is told by email (real SMTP)."""

from __future__ import annotations

from byline.accounts.models import User
from byline.accounts.tests.signing_in import sign_in_with_loopback
from byline.subscriptions.tests.mailing import run_worker
from tests.factories import PostFactory, UserFactory


def test_nothing_is_taken_over_and_the_owner_hears_of_it(guest, demo_blog, oidc, smtp):
    owner = UserFactory(username="rosa-here", email="rosa@idp.test")

    answer = sign_in_with_loopback(guest, PostFactory(blog=demo_blog), comment="kept")

    # The same page a new sign-up sees, so a stranger learns nothing about the address.
    assert answer["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in guest.session
    assert list(User.objects.filter(email__iexact="rosa@idp.test")) == [owner]
    run_worker()
    [message] = smtp.to("rosa@idp.test")
    assert "Account Already Exists" in message.subject
