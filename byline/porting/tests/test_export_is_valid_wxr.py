"""The WordPress export is well-formed WXR 1.2 that WordPress's importer can follow.

WordPress's importer (wordpress-importer's WXR_Parser) needs: an <rss> with a <channel>, a
wxr_version, authors named by login, categories before their children, unique post IDs,
and comment and page parents that point at things in the same file.
"""

from __future__ import annotations

import io
from collections import Counter

from defusedxml import ElementTree

from byline.porting.exporter import export
from byline.posts.models import Post
from tests.factories import PostFactory

WP = "{http://wordpress.org/export/1.2/}"
WP_STATUSES = {"publish", "draft", "pending", "private", "future", "trash", "inherit"}


def export_tree(blog):
    out = io.StringIO()
    export(blog, out, base_url="https://theme.example")
    return ElementTree.fromstring(out.getvalue().encode())


def test_the_export_is_wxr_1_2_that_wordpress_can_follow(theme_blog):
    blog, _ = theme_blog
    root = export_tree(blog)

    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext(f"{WP}base_blog_url") == "https://theme.example"
    logins = {a.findtext(f"{WP}author_login") for a in channel.findall(f"{WP}author")}
    assert logins == {"themedemos", "themereviewteam"}

    seen_categories = set()
    for category in channel.findall(f"{WP}category"):
        parent = category.findtext(f"{WP}category_parent")
        assert not parent or parent in seen_categories  # parents first
        seen_categories.add(category.findtext(f"{WP}category_nicename"))
    assert len(seen_categories) == 68
    assert len(channel.findall(f"{WP}tag")) == 110

    items = channel.findall("item")
    ids = Counter(item.findtext(f"{WP}post_id") for item in items)
    assert max(ids.values()) == 1
    types = Counter(item.findtext(f"{WP}post_type") for item in items)
    assert types == {"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    for item in items:
        assert item.findtext(f"{WP}status") in WP_STATUSES
        if item.findtext(f"{WP}post_type") in ("post", "page"):
            assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") in logins
        parent = item.findtext(f"{WP}post_parent")
        assert parent == "0" or parent in ids
        comment_ids = {c.findtext(f"{WP}comment_id") for c in item.findall(f"{WP}comment")}
        for comment in item.findall(f"{WP}comment"):
            assert comment.findtext(f"{WP}comment_parent") in comment_ids | {"0"}


def test_imported_items_keep_their_wordpress_ids_and_guids(theme_blog):
    blog, _ = theme_blog
    items = {i.findtext(f"{WP}post_id"): i for i in export_tree(blog).find("channel").iter("item")}

    sticky = items["1241"]
    assert sticky.findtext("title") == "Template: Sticky"
    assert sticky.findtext(f"{WP}is_sticky") == "1"
    assert sticky.findtext("guid") == "http://wptest.io/demo/?p=1241"
    assert sticky.findtext("link") == "https://theme.example/2012/01/07/template-sticky/"
    assert items["1168"].findtext(f"{WP}post_password") == "enter"
    assert items["1153"].findtext(f"{WP}status") == "future"


def test_a_markdown_post_goes_out_as_html_with_its_markdown_kept_aside(demo_blog):
    PostFactory(blog=demo_blog, title="Notes", body_markdown="Some *emphasis*.\n\n- a\n- b\n")

    item = export_tree(demo_blog).find("channel").find("item")

    content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert content == Post.objects.get().body_html
    assert "<em>emphasis</em>" in content
    meta = {m.findtext(f"{WP}meta_key"): m.findtext(f"{WP}meta_value")
            for m in item.findall(f"{WP}postmeta")}  # fmt: skip
    assert meta["_byline_markdown"] == "Some *emphasis*.\n\n- a\n- b\n"


def test_text_that_would_break_xml_is_written_safely(demo_blog):
    PostFactory(blog=demo_blog, title="Tricky ]]> & <b> \x01 \r\n", excerpt="a ]]> b")

    item = export_tree(demo_blog).find("channel").find("item")

    assert item.findtext("title") == "Tricky ]]> & <b>  \r\n"
    assert item.findtext("{http://wordpress.org/export/1.2/excerpt/}encoded") == "a ]]> b"
