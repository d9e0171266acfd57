"""A comment POST reads the post without its long texts; a refused one still shows the post.

An accepted comment is answered with a redirect, so the post's Markdown, HTML and search
text (tens of kilobytes each on a long post) and its author's row, which only the drawn page
shows, are not read for it (posts/views.py).
"""

from __future__ import annotations

import pytest

from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PageFactory, PostFactory

from .commenting import parsed, send_counting_queries

BODY = "Low tide uncovers the *old* causeway twice a day."


@pytest.fixture(params=["post", "page"])
def writing(request, demo_blog):
    if request.param == "page":
        DiscussionSettings.objects.create(blog=demo_blog, comments_on_pages=True)
    factory = PostFactory if request.param == "post" else PageFactory
    return factory(blog=demo_blog, body_markdown=BODY)


def test_an_accepted_comment_reads_no_long_text(guest, writing):
    text = "The causeway is older than the church."
    answer, queries = send_counting_queries(guest, writing, comment=text)
    assert answer.status_code == 303
    assert Comment.objects.filter(post=writing, content__startswith="The causeway").count() == 1
    reads = [sql for sql in queries if sql.startswith("SELECT") and '"posts_post"' in sql]
    assert reads, "the post was not read at all"
    for column in ("body_markdown", "body_html", "search_text"):
        assert not any(f'"posts_post"."{column}"' in sql for sql in reads), column
    assert not any('"accounts_user"' in sql for sql in reads)  # nor the author


def test_a_refused_comment_redraws_the_post_with_its_text(guest, writing):
    answer, _ = send_counting_queries(guest, writing, comment="Kept for the second try.", email="")
    assert answer.status_code == 400
    page = parsed(answer)
    assert "uncovers the old causeway" in page.select_one(".entry-content").get_text()
    assert "By Alice Moreau" in page.select_one(".entry-meta").get_text()
    kept = page.find("textarea", attrs={"name": "comment"}).get_text()
    assert kept.strip() == "Kept for the second try."
    assert not Comment.objects.filter(post=writing).exists()
