"""Links to the old WordPress blog keep working: they redirect, for good, to the new addresses."""

from __future__ import annotations

import pytest

from byline.media.models import MediaItem
from byline.porting.tests.conftest import import_into
from byline.porting.tests.wxr_files import document, post, write
from byline.porting.wxr import ItemTerm, Term
from byline.posts.models import Category, Post


def lands(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


@pytest.mark.parametrize(
    ("old", "slug"),
    [
        ("/theme/?p=1241", "template-sticky"),
        ("/theme/?p=1164", "draft"),
        ("/theme/?page_id=146", "lorem-ipsum"),
        ("/theme/?page_id=172", "level-3"),
    ],
)
def test_plain_wordpress_links_redirect_to_the_post(theme_blog, guest, old, slug):
    blog, _ = theme_blog

    assert lands(guest, old) == Post.objects.get(blog=blog, slug=slug).get_absolute_url()


def test_an_attachment_link_redirects_to_its_file(theme_blog, guest):
    assert (
        lands(guest, "/theme/?attachment_id=1686") == MediaItem.objects.get(wordpress_id=1686).url
    )
    assert lands(guest, "/theme/?p=1686").endswith("dsc20040724_152504_532.jpg")


def test_a_category_id_link_redirects_to_the_category(theme_blog, guest):
    blog, _ = theme_blog
    child = Category.objects.get(blog=blog, slug="child-category-03")

    assert lands(guest, "/theme/?cat=158081321") == child.get_absolute_url()
    assert lands(guest, "/theme/?cat=57037077").endswith("/child-category-03/grandchild-category/")


def test_wordpress_permalinks_reach_their_posts(theme_blog, guest):
    blog, _ = theme_blog
    post = Post.objects.get(blog=blog, slug="markup-image-alignment")
    # The old site dated it in its own time zone (the 10th); the blog counts in UTC (the 11th).
    assert lands(guest, "/theme/2013/01/10/markup-image-alignment/") == post.get_absolute_url()
    assert guest.get(post.get_absolute_url()).status_code == 200
    assert guest.get("/theme/category/parent-category/child-category-03/").status_code == 200
    assert guest.get("/theme/about/page-with-comments/").status_code == 200
    assert guest.get("/theme/tag/alignment-2/").status_code == 200


def test_a_permalink_with_the_old_sites_local_date_redirects_to_the_post(new_blog, guest, tmp_path):
    # WordPress dates addresses in its own time zone; this blog counts in UTC, a day later.
    import_into(
        new_blog,
        write(tmp_path, document(post(5, post_date="2015-01-27 20:00:00",
                                      post_date_gmt="2015-01-28 04:00:00",
                                      link="https://old.example/2015/01/27/post-5/"))),
    )  # fmt: skip

    assert lands(guest, "/theme/2015/01/27/post-5/") == "/theme/2015/01/28/post-5/"


def test_old_addresses_byline_had_to_change_redirect_to_the_new_ones(theme_blog, guest):
    greek = "/theme/greek/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/"

    assert lands(guest, greek) == "/theme/greek/2-second-greek-level/"


def test_any_other_permalink_structure_redirects_through_the_recorded_old_path(
    new_blog, guest, tmp_path
):
    item = post(9, link="https://old.example/archives/9", slug="ninth")
    import_into(new_blog, write(tmp_path, document(item)))

    assert lands(guest, "/theme/archives/9/") == "/theme/2015/01/27/ninth/"


def test_unknown_old_links_still_say_not_found(theme_blog, guest):
    assert guest.get("/theme/?p=999999").status_code == 200  # the home page, as WordPress would
    assert guest.get("/theme/no/such/thing/").status_code == 404
    assert guest.get("/nosuchblog/?p=1241").status_code == 404


def test_links_of_another_blog_do_not_redirect_to_this_one(theme_blog, guest, demo_blog):
    assert guest.get("/demo/?p=1241").status_code == 200
    assert guest.get("/demo/greek/").status_code == 404


def test_a_category_whose_slug_byline_reserves_keeps_its_old_address(new_blog, guest, tmp_path):
    feed = Term("category", "feed", "Feed")
    item = post(3, terms=[ItemTerm("category", "feed", "Feed")])
    import_into(new_blog, write(tmp_path, document(item, terms=[feed])))

    category = Category.objects.get(blog=new_blog)
    assert category.slug == "category-feed"
    assert lands(guest, "/theme/category/feed/") == "/theme/category/category-feed/"
