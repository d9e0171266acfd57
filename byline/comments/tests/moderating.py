"""How the moderation tests set up comments and read the queue a member sees."""

from __future__ import annotations

import itertools
import re

from bs4 import BeautifulSoup
from django.urls import reverse

from byline.comments.models import Comment

_numbers = itertools.count(1)


def comment_on(post, status: str = Comment.Status.PENDING, **fields) -> Comment:
    """Store a guest's comment on the post with that status (trash remembers where it was)."""
    n = next(_numbers)
    fields = {
        "author_name": f"Reader {n}",
        "author_email": f"reader{n}@example.test",
        "author_ip": "203.0.113.7",
        "content": f"Comment number {n}.",
        **fields,
    }
    first = Comment.Status.PENDING if status == Comment.Status.TRASH else status
    comment = Comment.objects.create(post=post, status=first, **fields)
    if status == Comment.Status.TRASH:
        comment.set_status(Comment.Status.TRASH)
    return comment


def queue_url(blog, **query) -> str:
    url = reverse("dashboard_comments:queue", kwargs={"blog": blog.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def action_url(comment, action: str) -> str:
    name = action if action in ("edit", "reply", "bulk") else "act"
    kwargs = {"blog": comment.post.blog.slug}
    if name != "bulk":
        kwargs["pk"] = comment.pk
    if name == "act":
        kwargs["action"] = action
    return reverse(f"dashboard_comments:{name}", kwargs=kwargs)


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def listed(response) -> list[int]:
    """Return the ids of the comments the queue page lists, top to bottom."""
    return [
        int(row["id"].removeprefix("comment-")) for row in parsed(response).select("tr.comment-row")
    ]


def tab_counts(response) -> dict[str, int]:
    """Return each status tab's count as the page shows it: {"All": 3, "Pending": 1, …}."""
    counts = {}
    for link in parsed(response).select(".status-tabs a"):
        label = link.find(string=True, recursive=False).strip()
        counts[label] = int(re.sub(r"\D", "", link.select_one(".count").get_text()))
    return counts


def messages_shown(response) -> list[str]:
    return [m.get_text(strip=True) for m in parsed(response).select(".messages li")]
