"""The demo platform's community: readers' accounts, likes, follows, notifications and views.

Called at the end of byline.platform.demo.seed(), with its writers. Rows are written in
bulk and dated in the past, as if they had happened over the posts' lifetimes: so every
demo post page shows "N bloggers like this:", each writer's bell has a few unread
notifications, and the stats pages have a month of views. Notifications are marked as
emailed already: seeding sends no mail.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.comments.models import Comment
from byline.posts.models import Post
from byline.social.models import Follow, Like, Notification, PostView

READERS = [
    ("maya", "Maya Lindgren"), ("tomas", "Tomás Reyes"), ("ines", "Ines Okoro"),
    ("sam", "Sam Whitfield"), ("priya", "Priya Raman"), ("jonas", "Jonas Berg"),
    ("lea", "Léa Martin"), ("kofi", "Kofi Mensah"), ("hana", "Hana Sato"),
    ("oscar", "Oscar Nilsson"), ("amara", "Amara Eze"), ("felix", "Felix Wagner"),
    ("nora", "Nora Haddad"), ("ivan", "Ivan Petrov"),
]  # fmt: skip
REFERRERS = ["news.ycombinator.com", "duckduckgo.com", "google.com", "mastodon.social",
             "lobste.rs", "reddit.com"]  # fmt: skip
UNREAD = 4  # each writer's newest notifications stay unread, so the bell shows a number


def seed(writers: dict[str, User]) -> None:
    rng = random.Random(5)  # noqa: S311 - demo data; its own stream, so nothing else shifts
    now = timezone.now()
    readers = [_reader(username, name) for username, name in READERS]
    people = readers + list(writers.values())
    blogs = list(Blog.objects.order_by("pk"))
    posts = list(Post.objects.published().posts().select_related("blog").order_by("pk"))

    likes, told = [], []
    for post in posts:
        fans = [p for p in people if p.pk != post.author_id]
        lifetime = max(1.0, (now - post.published_at).total_seconds())
        for fan in rng.sample(fans, rng.randint(2, min(14, len(fans)))):
            when = post.published_at + datetime.timedelta(seconds=rng.uniform(0, lifetime))
            likes.append(Like(user=fan, post=post, created_at=when))
    for comment in Comment.objects.approved().select_related("post").order_by("pk"):
        if rng.random() < 0.4:
            fan = rng.choice([p for p in people if p.pk != comment.user_id])
            likes.append(Like(user=fan, comment=comment, created_at=comment.created_at
                              + datetime.timedelta(hours=rng.randint(1, 48))))  # fmt: skip
    Like.objects.bulk_create(likes)
    for like in Like.objects.select_related("post", "comment__post").order_by("pk"):
        target = like.post or like.comment.post
        recipient = like.post.author_id if like.post_id else like.comment.user_id
        if recipient and recipient != like.user_id:
            told.append(Notification(recipient_id=recipient, kind=Notification.Kind.LIKE,
                                     actor_id=like.user_id, blog_id=target.blog_id, post=target,
                                     comment=like.comment, like=like,
                                     created_at=like.created_at))  # fmt: skip

    follows = []
    for person in people:
        for blog in rng.sample(blogs, rng.randint(1, len(blogs))):
            if blog.owner_id != person.pk:
                when = now - datetime.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
                follows.append(Follow(user=person, blog=blog, created_at=when))
    Follow.objects.bulk_create(follows)
    for follow in Follow.objects.select_related("blog").order_by("pk"):
        told.append(Notification(recipient_id=follow.blog.owner_id, kind=Notification.Kind.FOLLOW,
                                 actor_id=follow.user_id, blog=follow.blog, follow=follow,
                                 created_at=follow.created_at))  # fmt: skip

    for comment in Comment.objects.approved().filter(kind="comment").select_related("post"):
        if comment.user_id != comment.post.author_id:
            told.append(Notification(recipient_id=comment.post.author_id,
                                     kind=Notification.Kind.COMMENT, actor_id=comment.user_id,
                                     blog_id=comment.post.blog_id, post=comment.post,
                                     comment=comment, created_at=comment.created_at))  # fmt: skip
    _file(told, now)
    _views(rng, posts, now)


def _reader(username: str, name: str) -> User:
    reader = User(
        username=username,
        display_name=name,
        email=f"{username}@readers.byline.invalid",
        bio="Reads more than writes, for now.",
    )
    reader.set_unusable_password()  # the demo's readers never sign in; its writers do
    reader.save()
    return reader


def _file(told: list[Notification], now: datetime.datetime) -> None:
    """Store the notifications: each writer's newest few unread, the rest read long ago."""
    told.sort(key=lambda n: n.created_at, reverse=True)
    unread: dict[int, int] = {}
    for n in told:
        n.emailed_at = now
        unread[n.recipient_id] = unread.get(n.recipient_id, 0) + 1
        if unread[n.recipient_id] > UNREAD:
            n.read_at = n.created_at + datetime.timedelta(hours=3)
    Notification.objects.bulk_create(told)


def _views(rng: random.Random, posts: list[Post], now: datetime.datetime) -> None:
    """Give each post a month of daily views, most of them in its first days."""
    rows = []
    for post in posts:
        today = timezone.localdate(now, timezone=post.blog.tzinfo)
        for back in range(30):
            day = today - datetime.timedelta(days=back)
            if day < post.pub_date:
                continue
            age = (day - post.pub_date).days
            views = max(0, int(rng.gauss(40 / (1 + age / 3), 4)))
            if not views:
                continue
            rows.append(PostView(post=post, day=day, views=views))
            for host in rng.sample(REFERRERS, rng.randint(0, 2)):
                rows.append(PostView(post=post, day=day, referrer=host,
                                     views=rng.randint(1, max(1, views // 3))))  # fmt: skip
    PostView.objects.bulk_create(rows)
