"""Many signed-in readers at one real server: their sessions, their clicks, what was stored.

The server (tests/servers.py) has its own database; these read and write it only through
its HTTP answers and `byline shell`, never through this process's ORM.
"""

from __future__ import annotations

import http.client
import json
import os
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit

from tests.servers import byline_server, fresh_postgres_database

# A form token as the CSRF cookie holds it (Django accepts the bare secret in the form).
TOKEN = "crowdtokencrowdtokencrowdtoken12"  # noqa: S105 - a CSRF secret, not a password

SIGN_IN = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from byline.accounts.models import User
Store = import_module(settings.SESSION_ENGINE).SessionStore
out = []
for n in range({count}):
    user = User(username=f"{prefix}{{n}}", email=f"{prefix}{{n}}@example.test",
                display_name=f"{prefix} {{n}}")
    user.set_unusable_password()
    user.save()
    session = Store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out.append([user.pk, session.session_key])
print(json.dumps(out))
"""

SESSION_OF = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from byline.accounts.models import User
user = User.objects.get(username={username!r})
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""

NEW_POST = """
from byline.blogs.models import Blog
from byline.posts.models import Post
blog = Blog.objects.get(slug="demo")
post = Post.objects.create(blog=blog, author=blog.owner, title={title!r}, status="published",
                           body_markdown="Liked by a crowd.")
print(post.pk, post.get_absolute_url())
"""

LIKERS = """
import json
from byline.social.models import Like
print(json.dumps(list(Like.objects.filter(post_id={post_id}).values_list("user_id", flat=True))))
"""


@contextmanager
def crowd_server(data_dir):
    """Yield a server of its own (two workers), on a fresh PostgreSQL database in that pass."""
    if os.environ.get("DATABASE_URL"):
        with fresh_postgres_database(os.environ["DATABASE_URL"]) as url:
            with byline_server(data_dir, database_url=url, workers=2) as server:
                yield server
    else:
        with byline_server(data_dir, workers=2) as server:
            yield server


def sign_in_crowd(server, count: int, prefix: str) -> list[tuple[int, str]]:
    """Make `count` accounts, each signed in: return their (user id, session key)."""
    out = server.shell(SIGN_IN.format(count=count, prefix=prefix)).strip().splitlines()[-1]
    return [tuple(pair) for pair in json.loads(out)]


def session_of(server, username: str) -> str:
    """Sign an existing account in: return the key of its new session."""
    return server.shell(SESSION_OF.format(username=username)).strip().splitlines()[-1]


def new_post(server, title: str) -> tuple[int, str]:
    pk, path = server.shell(NEW_POST.format(title=title)).strip().splitlines()[-1].split()
    return int(pk), path


def likers(server, post_id: int) -> list[int]:
    return json.loads(server.shell(LIKERS.format(post_id=post_id)).strip().splitlines()[-1])


def press(server, session_key: str, post_id: int, action: str = "like") -> int:
    """POST the Like form as the signed-in reader of this session; return the status."""
    parts = urlsplit(server.base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request(
            "POST", f"/read/like/post/{post_id}/",
            body=urlencode({"csrfmiddlewaretoken": TOKEN, "action": action}),
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Cookie": f"sessionid={session_key}; csrftoken={TOKEN}"},
        )  # fmt: skip
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def shown_line(server, path: str) -> str:
    """Return the likes line of the post page, as a guest gets it (from the cache or not)."""
    from bs4 import BeautifulSoup

    parts = urlsplit(server.base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path)
    html = connection.getresponse().read().decode()
    connection.close()
    return BeautifulSoup(html, "html.parser").select_one("#likes .likes-count").get_text()
