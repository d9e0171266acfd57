"""After logging in or out, and after a sign-in icon, Byline only ever sends people to its
own pages: a `next` pointing elsewhere is dropped."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest

from byline.accounts.tests.signing_in import log_in

HOSTILE = [
    "//evil.test",
    "//evil.test/path",
    "https://evil.test",
    "http://evil.test/demo/",
    "/\\evil.test",
    "\\\\evil.test",
    "/\\/evil.test",
    "https:evil.test",
    "javascript:alert(1)",
    "  //evil.test",
    "http://testserver@evil.test/",
    "/%2F%2Fevil.test",
    "///evil.test",
]


def lands_at_home(location: str) -> bool:
    """Return whether a browser following this Location stays on this platform.

    Browsers drop leading spaces and read a backslash as a slash in http(s) addresses, so
    the check does too.
    """
    as_browser_reads = location.strip().replace("\\", "/")
    resolved = urlsplit(urljoin("http://testserver/page/", as_browser_reads))
    return resolved.scheme == "http" and resolved.netloc == "testserver"


@pytest.mark.parametrize("target", HOSTILE)
def test_log_in_never_sends_the_reader_to_another_site(client, charlie, target):
    answer = log_in(client, "charlie", next_url=quote(target))

    assert answer.status_code == 302
    assert lands_at_home(answer["Location"]), answer["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_log_out_never_sends_the_reader_to_another_site(signed_in, charlie, target):
    answer = signed_in(charlie).post("/accounts/logout/", {"next": target})

    assert answer.status_code == 302
    assert lands_at_home(answer["Location"]), answer["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_sign_in_icon_never_sends_the_reader_to_another_site(db, client, target):
    answer = client.post(f"/accounts/comment-sign-in/?next={quote(target)}", {"sign_in": "byline"})

    next_url = parse_qs(urlsplit(answer["Location"]).query)["next"][0]
    assert lands_at_home(next_url), next_url


@pytest.mark.parametrize("target", HOSTILE)
def test_change_never_sends_the_reader_to_another_site(signed_in, charlie, target):
    answer = signed_in(charlie).post(f"/accounts/comment-sign-in/?next={quote(target)}",
                                     {"change": "1"})  # fmt: skip

    assert lands_at_home(answer["Location"]), answer["Location"]


def test_a_page_of_this_platform_is_a_fine_next(client, charlie):
    answer = log_in(client, "charlie", next_url="/demo/2024/05/01/hello/%23respond")

    assert answer["Location"] == "/demo/2024/05/01/hello/#respond"
