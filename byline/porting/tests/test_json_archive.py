"""`byline export json` writes a complete archive, and every field in it is documented."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from byline.comments.models import Comment
from byline.porting import archive
from byline.posts.models import Post

DOC = Path(__file__).resolve().parents[3] / "docs" / "json-archive.md"


def archive_of(blog) -> dict:
    out = io.StringIO()
    archive.write(blog, out)
    return json.loads(out.getvalue())


def documented_names(section: str) -> set[str]:
    """Return the `names` written in the doc's section (## heading) about one part."""
    text = DOC.read_text()
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"docs/json-archive.md has no section ## {section}"
    return set(re.findall(r"`([a-z_]+)`", match.group(1)))


def test_the_archive_holds_the_whole_blog(theme_blog):
    blog, _ = theme_blog

    data = archive_of(blog)

    assert (data["format"], data["version"]) == ("byline-archive", 1)
    assert data["blog"]["slug"] == "theme"
    sizes = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    assert sizes == {
        "authors": 3, "categories": 68, "tags": 110, "posts": 58, "pages": 21,
        "comments": 33, "media": 37, "menus": 6, "followers": 0, "likes": 0,
    }  # fmt: skip
    post = next(p for p in data["posts"] if p["slug"] == "template-password-protected")
    stored = Post.objects.get(pk=post["id"])
    assert post["body"] == stored.body_markdown
    assert post["password"] == "enter"  # noqa: S105 - the fixture's own
    assert post["published_at"] == "2012-01-04T16:38:05Z"
    assert {a["id"] for a in data["authors"]} >= {p["author"] for p in data["posts"]}
    held = [c for c in data["comments"] if c["status"] == Comment.Status.PENDING]
    assert len(held) == 3


def test_every_field_of_the_archive_is_documented(theme_blog):
    blog, _ = theme_blog
    data = archive_of(blog)

    assert set(data) <= documented_names("Top level")
    assert set(data["blog"]) <= documented_names("blog")
    sections = [("authors", "authors"), ("categories", "categories"), ("tags", "tags"),
                ("posts", "posts and pages"), ("pages", "posts and pages"),
                ("comments", "comments"), ("media", "media"), ("menus", "menus")]  # fmt: skip
    for section, doc in sections:
        for record in data[section]:
            assert set(record) <= documented_names(doc), section
    assert set(data["menus"][0]["items"][0]) <= documented_names("menus")


def test_followers_and_likes_are_in_the_archive(demo_blog, charlie):
    from byline.social.models import Follow, Like
    from byline.subscriptions.models import Subscription
    from tests.factories import PostFactory

    post = PostFactory(blog=demo_blog)
    Subscription.objects.create(kind="posts", blog=demo_blog, email="fan@example.test")
    Follow.objects.create(user=charlie, blog=demo_blog)
    Like.objects.create(user=charlie, post=post)

    data = archive_of(demo_blog)

    assert [(f["kind"], f["username"], f["email"]) for f in data["followers"]] == [
        ("account", "charlie", None), ("email", None, "fan@example.test"),
    ]  # fmt: skip
    assert [(like["post"], like["username"]) for like in data["likes"]] == [(post.pk, "charlie")]
    for follower in data["followers"]:
        assert set(follower) <= documented_names("followers")
    assert set(data["likes"][0]) <= documented_names("likes")
