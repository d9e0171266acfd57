"""A file made to hurt gets a clear refusal, imports nothing by halves, and runs no script."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from byline.comments.models import Comment
from byline.porting.models import Origin
from byline.porting.tests.conftest import import_into
from byline.porting.tests.wxr_files import comment, document, post, write
from byline.porting.wxr import Term, WXRError
from byline.posts.models import Category, Post, Tag
from tests.hostile.inertness import parse, problems_in
from tests.hostile.xss_payloads import PAYLOADS, POST_BODY_TAGS

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>&secret;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><title>&lol9;</title>
</channel></rss>
"""


def dangers(fragment) -> list[str]:
    """Return what could run in a post body; images and disclosures are allowed there, checked."""
    return problems_in(fragment, allow=POST_BODY_TAGS)


def nothing_imported(blog) -> bool:
    return not (
        Post.objects.filter(blog=blog).exists()
        or Category.objects.filter(blog=blog).exists()
        or Tag.objects.filter(blog=blog).exists()
        or Origin.objects.filter(blog=blog).exists()
    )


def refusal(blog, tmp_path, content: bytes) -> str:
    path = write(tmp_path, content)
    with pytest.raises(WXRError) as raised:
        import_into(blog, path)
    assert nothing_imported(blog)
    with pytest.raises(CommandError) as from_cli:
        call_command("import_wordpress", str(path), blog=blog.slug)
    assert str(raised.value) in str(from_cli.value)
    return str(raised.value)


def test_an_external_entity_is_refused_and_never_read(new_blog, tmp_path):
    message = refusal(new_blog, tmp_path, XXE)

    assert "external entity" in message
    assert "file:///etc/passwd" in message
    assert "root:" not in message
    assert "Nothing was imported" in message


def test_an_entity_bomb_is_refused_before_it_grows(new_blog, tmp_path):
    message = refusal(new_blog, tmp_path, BILLION_LAUGHS)

    assert "declares an entity" in message
    assert "billion laughs" in message


def test_xml_that_breaks_halfway_is_refused_with_its_line_and_nothing_is_imported(
    new_blog, tmp_path
):
    good = document(
        post(1, comments=[comment(1)]),
        post(2),
        post(3),
        terms=[Term("category", "walks", "Walks")],
    ).decode()
    lines = good.splitlines()
    broken_line = next(n for n, line in enumerate(lines, 1) if "Body of post 3" in line)
    lines[broken_line - 1] = lines[broken_line - 1].replace("</content:encoded>", "</content>")

    message = refusal(new_blog, tmp_path, "\n".join(lines).encode())

    assert message.startswith(f"Line {broken_line}: the XML breaks here")
    assert "mismatched tag" in message


def test_a_file_cut_short_is_refused(new_blog, tmp_path):
    good = document(post(1), post(2))

    message = refusal(new_blog, tmp_path, good[: len(good) * 2 // 3])

    assert "the XML breaks here" in message
    assert message.startswith("Line ")


def test_a_file_without_a_channel_is_refused(new_blog, tmp_path):
    message = refusal(new_blog, tmp_path, b'<?xml version="1.0"?><rss version="2.0"></rss>')

    assert "not a WordPress export" in message
    assert "<channel>" in message


def test_an_ordinary_rss_feed_is_not_taken_for_a_wordpress_export(new_blog, tmp_path):
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title>
    <item><title>Hello</title></item></channel></rss>"""

    message = refusal(new_blog, tmp_path, feed)

    assert "no <wp:wxr_version>" in message
    assert "Tools → Export" in message


def test_wrong_dates_skip_their_item_with_the_reason_and_keep_the_rest(new_blog, tmp_path):
    path = write(
        tmp_path,
        document(
            post(1),
            post(2, post_date_gmt="2015-13-45 99:99:99", post_date="yesterday", pub_date="soon"),
            post(3, comments=[comment(30), comment(31, date_gmt="31/31/2015", date="never")]),
            post(4, status="draft", post_date_gmt="not a date"),
        ),
    )

    summary = import_into(new_blog, path)

    assert sorted(Post.objects.filter(blog=new_blog).values_list("title", flat=True)) == [
        "Post 1", "Post 3", "Post 4",
    ]  # fmt: skip
    assert Post.objects.get(title="Post 4").published_at is None
    assert summary.count("posts", "skipped") == 1
    note = next(n for n in summary.notes if "Post 2" in n)
    assert "“2015-13-45 99:99:99” is not a date" in note
    assert "“yesterday” is not a date" in note
    assert Comment.objects.filter(post__blog=new_blog).count() == 1
    assert any("comment 31" in n and "“31/31/2015” is not a date" in n for n in summary.notes)


def test_two_items_with_the_same_wordpress_id_import_once(new_blog, tmp_path):
    path = write(tmp_path, document(post(7), post(7, title="Impostor", slug="impostor")))

    summary = import_into(new_blog, path)

    assert list(Post.objects.filter(blog=new_blog).values_list("title", flat=True)) == ["Post 7"]
    assert any("Impostor" in n and "same WordPress ID" in n for n in summary.notes)


def test_two_items_sharing_a_guid_both_import_and_the_summary_says_so(new_blog, tmp_path):
    same = "https://old.example/?p=1"
    path = write(tmp_path, document(post(1, guid=same), post(2, guid=same)))

    summary = import_into(new_blog, path)

    assert Post.objects.filter(blog=new_blog).count() == 2
    assert any("same GUID" in n for n in summary.notes)


def test_no_script_survives_in_posts_excerpts_titles_or_comments(new_blog, tmp_path, guest):
    body = "\n\n".join(PAYLOADS)
    path = write(
        tmp_path,
        document(
            post(
                1,
                title="<script>alert('title')</script>Hello",
                content=f"<!-- wp:html -->\n{body}\n<!-- /wp:html -->",
                excerpt="<script>alert('excerpt')</script>",
                comments=[comment(1, content=payload) for payload in PAYLOADS[:20]],
            ),
            post(2, content=body + "\n\n[caption]<img src=x onerror=alert(1)>[/caption]"),
        ),
    )
    import_into(new_blog, path)

    for item in Post.objects.filter(blog=new_blog):
        assert dangers(parse(item.body_html)) == [], item.title
        page = parse(guest.get(item.get_absolute_url()).content)
        assert dangers(page.select_one("article")) == []
        # The page's own scripts are Byline's files and its JSON-LD metadata; none came in.
        for script in page.find_all("script"):
            assert script.get("type") == "application/ld+json" or (
                script.get("src", "").startswith("/static/") and not script.string
            )
        for comment_body in page.select(".comment-content"):
            assert problems_in(comment_body) == []


def test_odd_values_in_comments_are_stored_safely_not_crashing_the_import(new_blog, tmp_path):
    path = write(
        tmp_path,
        document(
            post(1, comments=[
                comment(1, author_email="not an email", author_url="javascript:alert(1)",
                        author_ip="999.1.1.1", author="x" * 400),
                comment(2, approved="maybe"),
            ])
        ),
    )  # fmt: skip

    summary = import_into(new_blog, path)

    stored = Comment.objects.get(post__blog=new_blog)
    assert (stored.author_email, stored.author_url, stored.author_ip) == ("", "", None)
    assert stored.author_name == "x" * 245
    assert any("comment 2" in n and "“maybe”" in n for n in summary.notes)
