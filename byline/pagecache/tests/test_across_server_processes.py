"""Two real `byline serve` processes on one data dir (and one Redis): a comment sent through
one is on the page the other serves at once, though that page was in the cache; so is a
like, or an author's new name, written by a third process (`byline shell`)."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from tests.servers import byline_server
from tests.support import answers, need

FIND_POST = """
from byline.comments.models import DiscussionSettings
from byline.posts.models import Post
post = Post.objects.published().posts().filter(comment_status="open").select_related("blog").first()
rules = DiscussionSettings.for_blog(post.blog)
rules.hold_first_comment = False
rules.save()
print(post.get_absolute_url())
"""


FIND_POST_AGAIN = """
from byline.posts.models import Post
post = next(p for p in Post.objects.select_related("blog", "author")
            if p.get_absolute_url() == {path!r})
"""
# Written by another process, through the models as the dashboard and the like button do.
WRITES = [
    ("post.author.display_name = 'Renamed Across'; post.author.save()", "Renamed Across"),
    (
        "from byline.accounts.models import User; from byline.social.models import Like\n"
        "fan = User.objects.create_user('acrossfan', 'fan@example.test', display_name='Fan A')\n"
        "Like.add(fan, post=post)",
        'title="Fan A"',
    ),
]


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - loopback
        return answer.headers.get("X-Byline-Cache", ""), answer.read().decode()


def post_comment(url: str, text: str) -> None:
    _, page = get(url)
    form = BeautifulSoup(page, "html.parser").find("form", id="commentform")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    fields.pop("remember", None)
    fields.update(comment=text, author="Two Servers", email="two@example.test")
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=30) as answer:  # noqa: S310
        assert answer.status == 200  # after the 303 back to the post


@pytest.mark.parametrize("store", ["files", "redis"])
def test_comment_through_one_server_is_on_the_other_at_once(tmp_path, store):
    env = {"BYLINE_COMMENT_MIN_SECONDS": "0"}
    if store == "redis":
        need("Redis", answers("127.0.0.1", 6379), "the servers share their page cache in Redis")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    with (
        byline_server(tmp_path, extra_env=env) as first,
        byline_server(tmp_path, extra_env=env, seed=False) as second,
    ):
        path = first.shell(FIND_POST).strip()
        get(second.base + path)
        assert get(second.base + path)[0] == "hit"

        post_comment(first.base + path, "Sent through the first server")

        state, page = get(second.base + path)
        assert state == "miss"
        assert "Sent through the first server" in page
        assert get(second.base + path) == ("hit", page)

        for write, shown in WRITES:
            first.shell(FIND_POST_AGAIN.format(path=path) + write)
            state, page = get(second.base + path)
            assert state == "miss", write
            assert shown in page, write
            assert get(second.base + path)[0] == "hit"
