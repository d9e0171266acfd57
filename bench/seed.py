"""Fill a fresh Byline data dir with the benchmark's blog (run by bench/run.py).

The content mirrors the WordPress anchor's, so the two pages compare: one blog, 200 posts of
about 1,000 words (paragraphs, headings, a list) with categories and tags, a target post
(the newest) with 100 approved threaded comments, 40 at depth 1, 35 at depth 2 and 25 at
depth 3, and 30 likes, and a "comment sink" post (the oldest) that receives the comment-write
benchmark, so the measured pages stay the same during the run. Deterministic: a fixed random seed.

    BYLINE_DATA_DIR=… python bench/seed.py      # prints the addresses as JSON
"""

from __future__ import annotations

import datetime
import json
import os
import random

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from byline.accounts.models import User  # noqa: E402
from byline.blogs.models import Blog, Membership  # noqa: E402
from byline.comments.models import Comment, DiscussionSettings  # noqa: E402
from byline.posts.models import Category, Post, Tag  # noqa: E402
from byline.social.models import Like  # noqa: E402

POSTS, WORDS = 200, 1000
TARGET_LIKES = 30
TARGET_LEVELS = (40, 35, 25)
WORDLIST = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco "
    "laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate "
    "velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident "
    "sunt culpa qui officia deserunt mollit anim id est laborum river stone garden window"
).split()


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDLIST) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, words: int) -> str:
    """Return Markdown of about `words` words: paragraphs, a few headings and one list."""
    parts, count = [], 0
    while count < words:
        if parts and len(parts) % 4 == 0:
            parts.append(f"## {sentence(rng, 4)[:-1]}")
        if len(parts) == 6:
            items = [f"- {sentence(rng, 6)}" for _ in range(4)]
            parts.append("\n".join(items))
            count += 24
        paragraph = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(5))
        parts.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(parts)


@transaction.atomic
def seed() -> dict:
    rng = random.Random(20240601)
    writers = [
        User.objects.create_user(f"writer{i}", f"writer{i}@example.invalid", display_name=name)
        for i, name in enumerate(["Ada Writer", "Ben Writer", "Cleo Writer", "Dev Writer"])
    ]
    blog = Blog.objects.create(slug="bench", title="Bench Blog", owner=writers[0],
                               tagline="The benchmark's blog")  # fmt: skip
    for i, user in enumerate(writers):
        role = Membership.Role.ADMINISTRATOR if i == 0 else Membership.Role.AUTHOR
        Membership.objects.create(blog=blog, user=user, role=role)
    DiscussionSettings.objects.create(blog=blog, hold_first_comment=False, hold_link_count=50)
    categories = [Category.objects.create(blog=blog, name=f"Topic {i}") for i in range(8)]
    tags = [Tag.objects.create(blog=blog, name=f"tag-{i}") for i in range(60)]

    now = timezone.now()

    def write(title: str, slug: str, days_ago: float, words: int) -> Post:
        post = Post.objects.create(
            blog=blog, author=rng.choice(writers), title=title, slug=slug,
            body_markdown=body(rng, words), status=Post.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=days_ago),
        )  # fmt: skip
        post.categories.set(rng.sample(categories, rng.randint(1, 2)))
        post.tags.set(rng.sample(tags, rng.randint(3, 6)))
        return post

    sink = write("Comment sink", "comment-sink", POSTS + 2, 200)
    sink_parents = [comment(sink, None, rng, i) for i in range(5)]
    for i in range(POSTS):
        post = write(sentence(rng, 5)[:-1], f"post-{i + 1}", POSTS - i + 1, WORDS)
        for n in range(rng.randint(0, 4)):
            comment(post, None, rng, n)
    target = write("Target post", "target-post", 0.5, WORDS)
    level = [comment(target, None, rng, i) for i in range(TARGET_LEVELS[0])]
    for depth_count in TARGET_LEVELS[1:]:
        level = [comment(target, level[i % len(level)], rng, i) for i in range(depth_count)]
    fans = User.objects.bulk_create(
        User(username=f"fan{i}", email=f"fan{i}@example.invalid", display_name=f"Fan {i}")
        for i in range(TARGET_LIKES)
    )
    Like.objects.bulk_create(Like(user=fan, post=target) for fan in fans)
    target.refresh_from_db()
    return {
        "blog": blog.slug,
        "target": target.get_absolute_url(),
        "target_comments": target.comment_count,
        "target_id": target.pk,
        "target_likes": Like.objects.filter(post=target).count(),
        "home": blog.get_absolute_url(),
        "feed": f"{blog.get_absolute_url()}feed/",
        "sink": sink.get_absolute_url(),
        "sink_id": sink.pk,
        "sink_parents": [c.pk for c in sink_parents],
        "posts": Post.objects.filter(blog=blog).count(),
    }


def comment(post: Post, parent: Comment | None, rng: random.Random, n: int) -> Comment:
    return Comment.objects.create(
        post=post, parent=parent, status=Comment.Status.APPROVED,
        author_name=f"Reader {n % 30}", author_email=f"reader{n % 30}@example.invalid",
        content=" ".join(sentence(rng, rng.randint(10, 30)) for _ in range(rng.randint(1, 3))),
    )  # fmt: skip


def analyze() -> None:
    """On PostgreSQL, gather the planner's statistics of the seeded tables, as autovacuum does
    within a minute of such a load on any default install (and as PostgreSQL's manual advises
    after a bulk load). This machine's PostgreSQL runs with autovacuum off: on tables never
    analyzed, the planner guessed 3 likes a post and joined every like of the target post to
    its liker before taking the newest ten, 1,589 buffers for a like's faces instead of 95,
    and PostgreSQL's CPU a like was 1.4-1.5 ms instead of 0.8-0.9 (bench/README.md)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    content = seed()
    analyze()
    print(json.dumps(content))  # noqa: T201 - the runner reads it
