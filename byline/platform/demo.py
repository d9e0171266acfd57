"""The demo platform: three blogs, four writers, dozens of posts, written by a generator.

All text is made here from a small vocabulary, so nothing is copied from elsewhere,
and a fixed random seed makes every demo platform the same.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.posts.models import Category, Post, Tag

DEMO_PASSWORD = "byline-demo"  # noqa: S105 - printed for the person trying the demo

WRITERS = [
    ("alice", "Alice Moreau", "Keeps field notes on walking, weather and small towns."),
    ("bob", "Bob Okafor", "Cooks for friends and writes down what worked."),
    ("carol", "Carol Lindqvist", "Watches the sky from a balcony with a small telescope."),
    ("dave", "Dave Pereira", "Edits, proofreads and occasionally writes."),
]

BLOGS = [
    {
        "slug": "demo", "title": "Field Notes", "owner": "alice", "editor": "dave",
        "tagline": "Walking, weather and the towns in between",
        "time_zone": "Europe/Paris", "home_shows": "excerpt",
        "categories": {"Walks": ["Coast", "Hills"], "Weather": [], "Towns": []},
        "tags": ["rain", "maps", "boots", "harbour", "bridges", "markets", "dawn", "fog"],
        "subjects": ["the coast path", "a hill village", "the old harbour", "a market square",
                     "the river bridge", "a morning fog", "the ridge above town", "a late train"],
    },
    {
        "slug": "kitchen-table", "title": "The Kitchen Table", "owner": "bob", "editor": "alice",
        "tagline": "Recipes that survived a dinner party", "time_zone": "America/New_York",
        "home_shows": "full",
        "categories": {"Recipes": ["Soups", "Bread"], "Notes": []},
        "tags": ["winter", "quick", "vegetarian", "sourdough", "leftovers", "spice"],
        "subjects": ["a lentil soup", "a slow sourdough", "roast squash", "a lemon cake",
                     "a pot of beans", "a green curry", "flatbread", "an apple tart"],
    },
    {
        "slug": "night-sky", "title": "Balcony Astronomy", "owner": "carol", "editor": None,
        "tagline": "What you can see from a city balcony", "time_zone": "Asia/Tokyo",
        "home_shows": "excerpt",
        "categories": {"Observing": ["Planets", "Moon"], "Gear": []},
        "tags": ["jupiter", "saturn", "moon", "binoculars", "light-pollution", "clouds"],
        "subjects": ["Jupiter's moons", "the first quarter moon", "Saturn's rings",
                     "a double star", "the Pleiades", "a passing satellite", "Venus at dusk",
                     "a lunar crater"],
    },
]

OPENERS = [
    "I went out early to look at {s}, and it was not what I expected.",
    "Every season I come back to {s}, and every time it has changed a little.",
    "A reader asked me about {s}, so here is the long answer.",
    "This is a short note about {s}, written the same evening.",
]
MIDDLES = [
    "The light was flat and grey at first, then it opened up all at once.",
    "Nothing about it is difficult, but everything about it rewards patience.",
    "I took notes as I went, and most of them turned out to be questions.",
    "There is a version of this that takes an hour and a version that takes a whole day.",
    "What surprised me most was how quiet it was once I stopped moving.",
    "A neighbour stopped to tell me how it used to be, which was better than any guide.",
    "The trick, if there is one, is to start before you feel ready.",
    "I made two mistakes, and both of them taught me something worth writing down.",
]
CLOSERS = [
    "I will go back next month and see what has changed.",
    "If you try it, tell me how it went for you.",
    "That is all for now; the next note will be shorter, I promise.",
    "Until next time, keep your eyes open.",
]
TITLE_SHAPES = ["Notes on {s}", "A morning with {s}", "Back to {s}", "What I learned from {s}",
                "Small hours: {s}", "Second look at {s}"]  # fmt: skip


def _body(rng: random.Random, subject: str) -> str:
    paragraphs = [rng.choice(OPENERS).format(s=subject)]
    for _ in range(rng.randint(3, 6)):
        paragraphs.append(" ".join(rng.sample(MIDDLES, 3)))
    paragraphs.insert(2, f"## What I noticed\n\n- {rng.choice(MIDDLES)}\n- {rng.choice(MIDDLES)}")
    paragraphs.append(f"> {rng.choice(MIDDLES)}")
    paragraphs.append(rng.choice(CLOSERS))
    return "\n\n".join(paragraphs)


def is_empty() -> bool:
    return not Blog.objects.exists()


@transaction.atomic
def seed(posts_per_blog: int = 12) -> None:
    """Create the demo platform. Call only on an empty database."""
    rng = random.Random(2026)  # noqa: S311 - demo text, not secrets
    users = {}
    for username, name, bio in WRITERS:
        user = User.objects.create_user(
            username, f"{username}@demo.byline.invalid", DEMO_PASSWORD,
            display_name=name, bio=bio,
        )  # fmt: skip
        users[username] = user
    users["alice"].is_staff = users["alice"].is_superuser = True
    users["alice"].save()

    now = timezone.now()
    for spec in BLOGS:
        owner = users[spec["owner"]]
        blog = Blog.objects.create(
            slug=spec["slug"], title=spec["title"], tagline=spec["tagline"], owner=owner,
            time_zone=spec["time_zone"], home_shows=spec["home_shows"],
        )  # fmt: skip
        Membership.objects.create(blog=blog, user=owner, role=Membership.Role.ADMINISTRATOR)
        writers = [owner]
        if spec["editor"]:
            editor = users[spec["editor"]]
            Membership.objects.create(blog=blog, user=editor, role=Membership.Role.EDITOR)
            writers.append(editor)

        categories = []
        for name, children in spec["categories"].items():
            parent = Category.objects.create(blog=blog, name=name)
            categories.append(parent)
            categories += [Category.objects.create(blog=blog, name=c, parent=parent)
                           for c in children]  # fmt: skip
        tags = [Tag.objects.create(blog=blog, name=t) for t in spec["tags"]]

        for i in range(posts_per_blog):
            subject = spec["subjects"][i % len(spec["subjects"])]
            title = rng.choice(TITLE_SHAPES).format(s=subject)
            title = title[0].upper() + title[1:]
            status = Post.Status.PUBLISHED
            published_at = now - datetime.timedelta(days=3 * i + 1, hours=rng.randint(0, 20))
            if i == posts_per_blog - 1:
                status = Post.Status.PRIVATE
            post = Post.objects.create(
                blog=blog, author=writers[i % len(writers)], title=title,
                body_markdown=_body(rng, subject), status=status, published_at=published_at,
                sticky=(i == 4),
            )  # fmt: skip
            post.categories.set(rng.sample(categories, 2))
            post.tags.set(rng.sample(tags, 3))

        Post.objects.create(
            blog=blog, author=owner, title="An unfinished draft", status=Post.Status.DRAFT,
            body_markdown="Only the blog's members can see this.",
        )  # fmt: skip
        Post.objects.create(
            blog=blog, author=owner, title="Coming next week", status=Post.Status.SCHEDULED,
            published_at=now + datetime.timedelta(days=7),
            body_markdown="This post publishes itself at its time.",
        )  # fmt: skip
        about = Post.objects.create(
            blog=blog, author=owner, kind=Post.Kind.PAGE, title="About", slug="about",
            status=Post.Status.PUBLISHED, published_at=now - datetime.timedelta(days=60),
            body_markdown=f"{spec['title']} is written by {owner.public_name}. {owner.bio}",
        )  # fmt: skip
        Post.objects.create(
            blog=blog, author=owner, kind=Post.Kind.PAGE, title="Colophon", slug="colophon",
            parent=about, status=Post.Status.PUBLISHED, published_at=about.published_at,
            body_markdown="Written in Markdown and published with Byline.",
        )  # fmt: skip


def sign_in_help(base_url: str) -> str:
    """Return what `byline demo` prints: where to go and how to sign in."""
    lines = [f"Byline is running at {base_url}/", ""]
    lines += [f"  {spec['title']}: {base_url}/{spec['slug']}/" for spec in BLOGS]
    lines += ["", f"Sign in at {base_url}/accounts/login/ as any demo writer, password {DEMO_PASSWORD}:"]
    lines += [f"  {username} ({name})" for username, name, _ in WRITERS]
    lines += [f"alice is also a platform administrator at {base_url}/admin/."]
    return "\n".join(lines)
