"""Post, page and category slugs: reserved words and malformed slugs are refused, and
slugs made from titles are unique within a blog and always valid."""

import pytest
from django.core.exceptions import ValidationError

from byline.posts.models import Category, Post
from tests.factories import BlogFactory, CategoryFactory, PageFactory, PostFactory, TagFactory


def slug_refusal(thing) -> str:
    with pytest.raises(ValidationError) as caught:
        thing.full_clean()
    return " ".join(caught.value.message_dict["slug"])


@pytest.mark.parametrize(
    "word", ["admin", "accounts", "api", "static", "media", "feed", "page", "category", "tag",
             "author", "comments", "search"],
)  # fmt: skip
def test_writer_cannot_give_a_post_or_page_a_reserved_slug(demo_blog, alice, word):
    for kind in Post.Kind:
        post = Post(blog=demo_blog, author=alice, kind=kind, title="T", slug=word)
        message = slug_refusal(post)
        assert f"“{word}”" in message, kind
        assert "try “" in message


@pytest.mark.parametrize("slug", ["Hello", "hello world", "hello_world", "-x", "x-", "a--b", "é"])
def test_writer_cannot_give_a_post_a_malformed_slug(demo_blog, alice, slug):
    post = Post(blog=demo_blog, author=alice, title="T", slug=slug)

    assert "lowercase letters, digits and single hyphens" in slug_refusal(post)


def test_a_slug_of_digits_only_is_refused_with_a_reason(demo_blog, alice):
    page = Post(blog=demo_blog, author=alice, kind=Post.Kind.PAGE, title="T", slug="2024")

    assert "date archives" in slug_refusal(page)


def test_category_slugs_follow_the_same_rules(demo_blog):
    assert "“feed”" in slug_refusal(Category(blog=demo_blog, name="Feed", slug="feed"))


def test_two_posts_with_the_same_title_get_distinct_slugs(demo_blog):
    first = PostFactory(blog=demo_blog, title="Weekly notes")
    second = PostFactory(blog=demo_blog, title="Weekly notes")
    third = PostFactory(blog=demo_blog, title="Weekly notes")

    assert [first.slug, second.slug, third.slug] == [
        "weekly-notes", "weekly-notes-2", "weekly-notes-3",
    ]  # fmt: skip


def test_the_same_title_on_another_blog_keeps_the_plain_slug(demo_blog):
    PostFactory(blog=demo_blog, title="Weekly notes")

    assert PostFactory(blog=BlogFactory(), title="Weekly notes").slug == "weekly-notes"


def test_a_post_and_a_page_may_share_a_title(demo_blog):
    assert PostFactory(blog=demo_blog, title="About").slug == "about"
    assert PageFactory(blog=demo_blog, title="About").slug == "about"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Feed", "post-feed"),
        ("Search", "post-search"),
        ("Admin", "post-admin"),
        ("Comments", "post-comments"),
        ("2024", "post-2024"),
        ("snake_case_title", "snake-case-title"),
        ("Ça va? Très bien!", "ca-va-tres-bien"),
        ("日本語", "post"),
        ("???", "post"),
    ],
)
def test_slugs_made_from_titles_always_pass_validation(demo_blog, title, slug):
    post = PostFactory(blog=demo_blog, title=title)

    assert post.slug == slug
    post.full_clean()


def test_category_and_tag_slugs_are_made_unique_too(demo_blog):
    assert CategoryFactory(blog=demo_blog, name="Walks").slug == "walks"
    assert CategoryFactory(blog=demo_blog, name="walks").slug == "walks-2"
    assert TagFactory(blog=demo_blog, name="Rain").slug == "rain"
    assert TagFactory(blog=demo_blog, name="rain!").slug == "rain-2"
