"""A reader logs in with their WordPress.com account from the comment form. WordPress.com
itself is out of reach in tests, so the loopback provider answers at its addresses."""

from __future__ import annotations

from byline.accounts.models import User
from byline.accounts.tests.signing_in import (
    authorize_url,
    click_icon,
    come_back,
    parsed,
    query_of,
    typed_comment,
)  # fmt: skip
from tests.factories import PostFactory
from tests.oidc import sign_in_at_provider


def test_reader_signs_in_with_wordpress_com_and_keeps_their_comment(
    guest, demo_blog, wordpress_com
):
    post = PostFactory(blog=demo_blog)

    connecting = click_icon(guest, post, "wordpress_com", comment="From my WordPress.com self")
    assert parsed(connecting).h1.get_text() == "Connecting to WordPress.com…"
    asked = query_of(authorize_url(connecting))
    assert authorize_url(connecting).startswith(f"{wordpress_com.base}/oauth2/authorize?")
    assert (asked["scope"], asked["response_type"]) == ("auth", "code") and asked["state"]
    back = come_back(guest, sign_in_at_provider(authorize_url(connecting)))

    assert back["Location"] == f"{post.get_absolute_url()}#respond"
    page = guest.get(post.get_absolute_url())
    assert "You are commenting using your WordPress.com account." in parsed(page).select_one(
        ".logged-in-as").get_text(" ", strip=True)  # fmt: skip
    assert typed_comment(page) == "From my WordPress.com self"
    reader = User.objects.get(username="rosawp")
    assert reader.display_name == "Rosa Reader (WordPress)"
    assert reader.socialaccount_set.get().provider == "wordpress_com"
