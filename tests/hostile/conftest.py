"""A real server and Chromium for the hostile browser tests (tests/hostile/test_in_browser.py).

Chromium comes from tests/browser's fixtures; the server is this package's own, seeded with
the demo platform and then with a blog full of payloads, so no other browser test reads them.
Like every browser test, test_in_browser.py runs in the SQLite pass only
(tests/database_passes.py); the payloads' trips through the database are judged on both
databases by test_xss_everywhere.py and the comments' and importer's own hostile tests.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack

import pytest

from tests.browser.conftest import launched_chromium
from tests.servers import byline_server, fresh_postgres_database

# Every payload lands in every field of this hostile world: posts, comments, blog, profile.
SEED = """
import json, pathlib
from django.utils import timezone
from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.comments.models import Comment
from byline.posts.models import Category, Post, Tag
payloads = json.loads(pathlib.Path("payloads.json").read_text())
mallory = User.objects.create_user("mallory", "mallory@example.test", "x-unused-9",
                                   display_name=payloads[0][:150], bio="\\n".join(payloads))
blog = Blog.objects.create(slug="hostile", title=payloads[1][:200], tagline=payloads[2][:300],
                           owner=mallory)
Membership.objects.create(blog=blog, user=mallory, role="administrator")
for n, payload in enumerate(payloads):
    post = Post.objects.create(blog=blog, author=mallory, title=payload[:300], slug=f"p{n}",
        body_markdown=payload, excerpt=payload, status="published",
        body_format="html" if n % 2 else "markdown", published_at=timezone.now())
    post.tags.add(Tag.objects.create(blog=blog, name=payload[:200], slug=f"t{n}"))
    post.categories.add(Category.objects.create(blog=blog, name=payload[:200], slug=f"c{n}"))
    Comment.objects.create(post=post, author_name=payload[:245], content=payload,
                           author_url="https://ok.test/", status="approved")
print(Post.objects.filter(blog=blog).count())
"""


@pytest.fixture(scope="package")
def hostile_server(tmp_path_factory):
    from tests.hostile.xss_payloads import PAYLOADS

    data_dir = tmp_path_factory.mktemp("hostile-server")
    (data_dir / "payloads.json").write_text(json.dumps(browser_payloads(PAYLOADS)))
    with ExitStack() as stack:
        url = None
        if os.environ.get("DATABASE_URL"):
            url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        server = stack.enter_context(byline_server(data_dir, database_url=url))
        server.shell(SEED)
        yield server


def browser_payloads(payloads: list[str]) -> list[str]:
    """A representative set: every handler and scheme shape, every fifth of the rest."""
    chosen = [p for p in payloads if "onerror" in p or "onload" in p or "autofocus" in p]
    chosen += [p for n, p in enumerate(payloads) if n % 5 == 0]
    return list(dict.fromkeys(chosen))


# Module scope: Playwright's event loop runs while Chromium does, and the ORM refuses to
# work beside it (SynchronousOnlyOperation), so it must be gone before another module of
# this package (test_tenants.py, test_privacy.py, ...) runs in the same process. With
# package scope it was not, whenever one of them came next on the same worker.
@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
