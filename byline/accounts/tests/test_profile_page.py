"""Every account has a public page: name, picture, blogs, and (later) what they liked."""

from __future__ import annotations

from byline.accounts.tests.signing_in import parsed
from tests.factories import UserFactory


def test_profile_shows_name_picture_and_blogs(guest, bob, demo_blog):
    page = parsed(guest.get("/people/bob/"))

    assert page.select_one("h1.p-name").get_text() == "Bob Okafor"
    assert page.select_one("img.avatar")["src"].startswith("/avatar/")
    blogs = [(a.get_text(), a["href"]) for a in page.select(".profile-blogs a")]
    assert blogs == [("Field Notes", demo_blog.get_absolute_url())]
    assert page.select_one(".profile-likes h2").get_text() == "Recently liked"


def test_a_reader_without_blogs_is_told_so(guest, charlie):
    page = parsed(guest.get("/people/charlie/"))

    assert "Charlie Outsider writes on no blog here yet." in page.get_text()


def test_unknown_and_deactivated_people_have_no_page(guest, db):
    UserFactory(username="gone", is_active=False)

    assert guest.get("/people/nobody/").status_code == 404
    assert guest.get("/people/gone/").status_code == 404
