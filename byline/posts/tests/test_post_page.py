from bs4 import BeautifulSoup

from tests.factories import PostFactory


def test_reader_opens_a_post_at_its_wordpress_style_address(guest, demo_blog):
    post = PostFactory(blog=demo_blog, title="First light", body_markdown="Dawn *over* the bay.")
    day = post.pub_date

    response = guest.get(f"/demo/{day:%Y/%m/%d}/first-light/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "First light"
    assert page.select_one(".entry-content em").get_text() == "over"
    assert page.find("a", string="Blog at Byline.")["href"] == "/"
    assert page.find("a", string="Up ↑")["href"] == "#top"
    assert page.body["id"] == "top"
