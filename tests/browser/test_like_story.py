"""A reader's likes in Chromium: sign in, like in place, reload, unlike, sign out; and the
signed-out click that goes through sign-in; and the same without JavaScript."""

from __future__ import annotations

import pytest

from byline.social.tests.crowd import crowd_server

pytestmark = pytest.mark.browser

PASSWORD = "a long walk by the sea"  # noqa: S105 - a test account's
READER = """
from allauth.account.models import EmailAddress
from byline.accounts.models import User
user = User.objects.create_user({username!r}, {username!r} + "@example.test", {password!r},
                                display_name={name!r})
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""
NEWEST_POST = """
from byline.posts.models import Post
print(Post.objects.filter(blog__slug={blog!r}).published().posts().newest_first()[{n}]
      .get_absolute_url())
"""


@pytest.fixture(scope="module")
def like_server(tmp_path_factory):
    with crowd_server(tmp_path_factory.mktemp("like-story")) as server:
        yield server


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def reader(server, username: str, name: str) -> None:
    server.shell(READER.format(username=username, password=PASSWORD, name=name))


def post_path(server, blog: str = "demo", n: int = 0) -> str:
    return server.shell(NEWEST_POST.format(blog=blog, n=n)).strip().splitlines()[-1]


def count(tab) -> int:
    line = tab.inner_text("#likes .likes-count")
    assert line.endswith(("bloggers like this:", "blogger likes this:")), line
    return int(line.split()[0])


def first_face(tab) -> str:
    return tab.get_attribute("#likes .likers li:first-child img", "alt")


def sign_in(tab, username: str) -> None:
    tab.fill("#id_login", username)
    tab.fill("#id_password", PASSWORD)
    tab.press("#id_password", "Enter")


def test_reader_likes_in_place_reloads_unlikes_and_signs_out(like_server, tab):
    reader(like_server, "lena", "Lena Reader")
    path = post_path(like_server)
    tab.goto(f"{like_server.base}/accounts/login/?next={path}")
    sign_in(tab, "lena")
    tab.wait_for_url(like_server.base + path)
    before = count(tab)
    assert tab.inner_text("#likes .like-button") == "★ Like"

    tab.evaluate("window.stayedOnThePage = true")
    tab.click("#likes .like-button")
    tab.wait_for_function(  # a function, not an expression: the CSP refuses eval
        f"() => document.querySelector('#likes .likes-count').textContent === "
        f"'{before + 1} bloggers like this:'"
    )
    assert tab.evaluate("window.stayedOnThePage") is True  # swapped in place by htmx
    assert first_face(tab) == "Lena Reader"
    assert tab.inner_text("#likes .like-button") == "★ Liked"

    tab.reload()
    assert count(tab) == before + 1
    assert first_face(tab) == "Lena Reader"
    assert tab.inner_text("#likes .like-button") == "★ Liked"

    tab.click("#likes .like-button")
    tab.wait_for_function(
        "() => document.querySelector('#likes .like-button').textContent"
        ".includes('Like') && !document.querySelector('#likes .liked')"
    )
    assert count(tab) == before
    assert first_face(tab) != "Lena Reader"
    tab.reload()
    assert count(tab) == before

    tab.click("footer button:has-text('Log out')")
    tab.wait_for_load_state()
    tab.goto(like_server.base + path)
    assert tab.inner_text("#likes .like-button") == "★ Log in to like"


def test_a_signed_out_click_signs_in_and_comes_back_liked(like_server, tab):
    reader(like_server, "milo", "Milo Reader")
    path = post_path(like_server, n=1)
    tab.goto(like_server.base + path)
    before = count(tab)

    tab.click("#likes .like-button")  # "Log in to like"
    tab.wait_for_selector("#id_login")
    sign_in(tab, "milo")
    tab.wait_for_url(f"{like_server.base}{path}#likes")

    assert count(tab) == before + 1
    assert first_face(tab) == "Milo Reader"
    assert tab.inner_text("#likes .like-button") == "★ Liked"


def test_liking_and_following_without_javascript(like_server, browser):
    reader(like_server, "noor", "Noor Reader")
    path = post_path(like_server, "kitchen-table")
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{like_server.base}/accounts/login/?next={path}")
    sign_in(tab, "noor")
    tab.wait_for_url(like_server.base + path)
    before = count(tab)

    tab.click("#likes .like-button")
    tab.wait_for_url(f"{like_server.base}{path}#likes")
    assert count(tab) == before + 1
    assert tab.inner_text("#likes .like-button") == "★ Liked"

    tab.click("#follow-kitchen-table .follow-button")
    tab.wait_for_load_state()
    assert tab.inner_text("#follow-kitchen-table .follow-button") == "Following"
    tab.goto(f"{like_server.base}/read/")
    assert "The Kitchen Table" in tab.inner_text(".reader")
    context.close()
