"""A Byline server tuned for comment tests: fast human check, no flood limit, 2 workers."""

from __future__ import annotations

import http.client
import json
import re
import time
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

# The demo blog publishes first comments at once on this server, so counts can be checked.
OPEN_DEMO_BLOG = """
from byline.blogs.models import Blog
from byline.comments.models import DiscussionSettings
DiscussionSettings.objects.update_or_create(
    blog=Blog.objects.get(slug="demo"), defaults={"hold_first_comment": False,
    "hold_link_count": 99, "threads_per_page": 500})
"""

SERVER_ENV = {"BYLINE_COMMENT_MIN_SECONDS": "1", "BYLINE_COMMENT_RATE": "1000/60"}


def first_post_path(server, blog: str = "demo") -> str:
    """Return the address of the blog's newest public post."""
    return server.shell(
        "from byline.posts.models import Post\n"
        f"print(Post.objects.filter(blog__slug={blog!r}).published().posts()"
        ".newest_first().first().get_absolute_url())"
    ).strip()


def comment_stats(server, path: str) -> dict:
    """Return the stored comments of the post at path, read by the server's own ORM."""
    code = (
        "import json\nfrom byline.posts.models import Post\n"
        f"post = next(p for p in Post.objects.all() if p.get_absolute_url() == {path!r})\n"
        "rows = list(post.comments.values_list('content', 'status'))\n"
        "print(json.dumps({'count': post.comment_count, 'rows': rows}))"
    )
    return json.loads(server.shell(code).strip().splitlines()[-1])


class FormSession:
    """One reader's cookies and the comment form's hidden fields, for raw HTTP posts."""

    def __init__(self, base: str, path: str):
        self.host, self.port = urlsplit(base).hostname, urlsplit(base).port
        self.path = path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        html = response.read().decode()
        self.cookie = "; ".join(
            c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []
        )
        form = BeautifulSoup(html, "html.parser").find("form", id="commentform")
        self.fields = {i["name"]: i.get("value", "") for i in form.find_all("input")
                       if i.get("name") and i.get("type") != "checkbox"}  # fmt: skip
        connection.close()
        self.loaded_at = time.monotonic()

    def post(self, **typed) -> tuple[int, str]:
        """Send the form with what the reader typed; return the status and Location."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = urlencode({**self.fields, **typed})
        connection.request("POST", self.path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie,
            "Referer": f"http://{self.host}:{self.port}{self.path}",
        })  # fmt: skip
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status, response.headers.get("Location", "")


def comment_id(location: str) -> int:
    return int(re.search(r"#comment-([0-9]+)$", location).group(1))
