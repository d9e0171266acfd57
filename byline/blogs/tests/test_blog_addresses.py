"""A blog's slug is its address, so it must be well formed and not one the platform uses."""

import pytest
from django.core.exceptions import ValidationError

from byline.blogs.models import Blog


def refusal(blog: Blog) -> str:
    with pytest.raises(ValidationError) as caught:
        blog.full_clean()
    return " ".join(caught.value.message_dict["slug"])


@pytest.mark.parametrize(
    "word", ["admin", "accounts", "api", "static", "media", "feed", "sitemap.xml", "www"]
)
def test_writer_cannot_take_a_platform_address_for_a_blog(alice, word):
    message = refusal(Blog(slug=word, title="Mine", owner=alice))

    assert f"“{word}” is reserved" in message
    assert "try “" in message  # and a way out is offered


@pytest.mark.parametrize(
    "slug", ["My Blog", "my_blog", "-travels", "travels-", "two--hyphens", "Travels", "café", "a/b"]
)
def test_writer_cannot_choose_a_malformed_blog_address(alice, slug):
    assert "lowercase letters, digits and single hyphens" in refusal(
        Blog(slug=slug, title="Mine", owner=alice)
    )


def test_blog_address_needs_three_characters(alice):
    assert "at least 3 characters" in refusal(Blog(slug="ab", title="Mine", owner=alice))


def test_blog_address_must_be_free(demo_blog, alice):
    assert "already exists" in refusal(Blog(slug="demo", title="Another", owner=alice))


@pytest.mark.parametrize("slug", ["travels", "my-travels", "2026-trips", "admin-blog"])
def test_writer_may_choose_an_ordinary_blog_address(alice, slug):
    Blog(slug=slug, title="Mine", owner=alice).full_clean()
