"""A member of blog A, in any role, cannot read, change or even detect blog B's private things.

byline/dashboard/tests/test_who_may_open_each_dashboard_page.py walks the dashboard pages of
one blog by hand-written list; this walk takes every address from Django's URL resolver, so
a page added tomorrow is walked too. Each address is filled with B's real objects (a draft,
a private page, a held comment, a member, an invitation, a menu item, an image, a revision,
an import) and sent, by GET and by POST, as A's administrator, editor, author and
contributor. The answer must be exactly the answer for an object that does not exist (so
nothing can be detected), never a success, must hold none of B's secrets, and B must be
unchanged afterwards. B's owner walks the same addresses, to prove they lead somewhere.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from byline.blogs.models import Blog, Membership, Menu, MenuItem
from byline.comments.models import Comment
from byline.dashboard.models import Invitation, Revision
from byline.media.models import MediaItem
from byline.porting.models import ImportJob
from byline.posts.models import Category, Post, Tag
from byline.social.models import Like, Notification
from tests.factories import BlogFactory, MembershipFactory, PageFactory, PostFactory, UserFactory

ROLES = ["administrator", "editor", "author", "contributor"]
SECRETS = ["SECRET-DRAFT", "SECRET-PRIVATE", "SECRET-SCHEDULED", "SECRET-HELD", "SECRET-TRASH",
           "SECRET-PENDING", "secret-member@bravo.test", "secret-invite@bravo.test",
           "SECRET-IMAGE", "SECRET-REVISION", "SECRET-PAGE", "secret-commenter@bravo.test",
           "SECRET-MENU", "SECRET-IMPORT"]  # fmt: skip
ACTIONS = ["approve", "unapprove", "spam", "unspam", "trash", "untrash", "delete", "restore",
           "publish", "submit", "duplicate"]  # fmt: skip
MISSING = 987654


@pytest.fixture
def bravo(db):
    """Blog B, with one of every private thing, each carrying a secret word."""
    victor = UserFactory(username="victor")
    blog = BlogFactory(slug="bravo", title="Bravo", owner=victor)
    MembershipFactory(blog=blog, user=victor, role=Membership.Role.ADMINISTRATOR)
    member = UserFactory(username="bravo-editor", email="secret-member@bravo.test")
    membership = MembershipFactory(blog=blog, user=member, role=Membership.Role.EDITOR)
    Draft, Scheduled = Post.Status.DRAFT, Post.Status.SCHEDULED
    later = timezone.now() + timedelta(days=3)
    posts = {
        "draft": PostFactory(blog=blog, author=victor, title="SECRET-DRAFT", status=Draft,
                             published_at=None, slug="draft"),
        "private": PostFactory(blog=blog, author=victor, title="SECRET-PRIVATE",
                               status=Post.Status.PRIVATE, slug="private"),
        "scheduled": PostFactory(blog=blog, author=victor, title="SECRET-SCHEDULED",
                                 status=Scheduled, published_at=later, slug="scheduled"),
        "trash": PostFactory(blog=blog, author=victor, title="SECRET-TRASH",
                             status=Post.Status.TRASH, slug="trash"),
        "pending": PostFactory(blog=blog, author=member, title="SECRET-PENDING",
                               status=Post.Status.PENDING, published_at=None, slug="pending"),
        "page": PageFactory(blog=blog, author=victor, title="SECRET-PAGE", status=Draft,
                            published_at=None, slug="hidden-page"),
        "public": PostFactory(blog=blog, author=victor, title="Bravo in public", slug="public"),
    }  # fmt: skip
    held = Comment.objects.create(post=posts["public"], author_name="Held",
                                  author_email="secret-commenter@bravo.test",
                                  content="SECRET-HELD", status="pending")  # fmt: skip
    on_draft = Comment.objects.create(post=posts["draft"], author_name="Early",
                                      content="SECRET-HELD too", status="approved")  # fmt: skip
    revision = Revision.of(posts["draft"], victor)
    revision.title = "SECRET-REVISION"
    revision.save()
    media = MediaItem.objects.create(blog=blog, original_url="https://example.test/s.jpg",
                                     mime_type="image/jpeg", alt_text="SECRET-IMAGE")  # fmt: skip
    invitation = Invitation.objects.create(blog=blog, email="secret-invite@bravo.test")
    menu = Menu.objects.create(blog=blog, name="Main", slug="main")
    item = MenuItem.objects.create(menu=menu, label="SECRET-MENU", url="https://example.test/")
    job = ImportJob.objects.create(blog=blog, started_by=victor, file_path="/nowhere.xml",
                                   file_name="SECRET-IMPORT.xml")  # fmt: skip
    Category.objects.create(blog=blog, name="Bravo things", slug="things")
    Tag.objects.create(blog=blog, name="bravo-tag", slug="bravo-tag")
    notification = Notification.objects.create(recipient=victor, kind="comment", blog=blog,
                                               post=posts["public"], comment=held)  # fmt: skip
    ids = {"post": posts["draft"].pk, "page": posts["page"].pk, "comment": held.pk,
           "member": membership.pk, "invitation": invitation.pk, "menu": item.pk,
           "media": media.pk, "revision": revision.pk, "import": job.pk,
           "notification": notification.pk, "comment on draft": on_draft.pk}  # fmt: skip
    return blog, victor, posts, ids


@pytest.fixture
def alpha_members(db):
    """Blog A's people, one of each role; their blog has a post of its own."""
    owner = UserFactory(username="alpha-administrator")
    blog = BlogFactory(slug="alpha", owner=owner)
    people = {}
    for role in ROLES:
        user = owner if role == "administrator" else UserFactory(username=f"alpha-{role}")
        MembershipFactory(blog=blog, user=user, role=role)
        people[role] = user
    PostFactory(blog=blog, author=owner)
    return people


def patterns(resolvers=None, prefix="") -> list[str]:
    """Return every route of the site, as written (with its <converter:name> parts)."""
    routes = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            routes += patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            routes.append(prefix + str(entry.pattern))
    return routes


def private_routes() -> list[str]:
    """The routes about one blog's private side: its dashboard, queue, import and stats."""
    return [r for r in patterns() if r.startswith("dashboard/<slug:blog>/")]


PART = re.compile(r"<(?:(\w+):)?(\w+)>")


def fill(route: str, ids: dict, blog: str, missing: bool = False) -> list[str]:
    """Return the addresses of a route filled with B's objects (or with ones that don't exist)."""

    def pk_for(name: str) -> int:
        if missing:
            return MISSING
        if name == "revision":
            return ids["revision"]
        for word, key in (("comments", "comment"), ("members", "member"),
                          ("invitations", "invitation"), ("menus", "menu"),
                          ("media", "media"), ("import", "import")):  # fmt: skip
            if f"/{word}/<int:pk>" in route:
                return ids[key]
        return ids["page"] if "<kind:kind>" in route and kind == "pages" else ids["post"]

    addresses = []
    kinds = ["posts", "pages"] if "<kind:kind>" in route else [None]
    actions = ACTIONS if "<slug:action>" in route else [None]
    for kind in kinds:
        for action in actions:
            values = {"blog": blog if not missing else "no-such-blog", "kind": kind,
                      "action": action}  # fmt: skip

            def value(match, kind=kind, values=values):
                name = match[2]
                return str(values[name]) if name in values else str(pk_for(name))

            addresses.append("/" + PART.sub(value, route))
    return addresses


def snapshot(blog) -> dict:
    return {
        "blog": Blog.objects.filter(pk=blog.pk).values().get(),
        "posts": list(Post.objects.filter(blog=blog).order_by("pk").values()),
        "comments": list(Comment.objects.filter(post__blog=blog).order_by("pk").values()),
        "members": list(Membership.objects.filter(blog=blog).order_by("pk").values()),
        "invitations": list(Invitation.objects.filter(blog=blog).values()),
        "media": list(MediaItem.objects.filter(blog=blog).values()),
        "menus": list(MenuItem.objects.filter(menu__blog=blog).values()),
        "revisions": list(Revision.objects.filter(post__blog=blog).values()),
        "imports": list(ImportJob.objects.filter(blog=blog).values()),
        "likes": Like.objects.count(),
    }


def leaks(response) -> list[str]:
    body = response.content.decode(errors="replace")
    return [secret for secret in SECRETS if secret.lower() in body.lower()]


def test_the_walk_covers_every_private_route_and_each_leads_somewhere_for_the_owner(bravo):
    blog, victor, _, ids = bravo
    routes = private_routes()
    assert len(routes) >= 30  # the dashboard, comment queue, import and stats pages
    owner = Client()
    owner.force_login(victor)
    dead = []
    for route in routes:
        answers = [owner.get(a).status_code for a in fill(route, ids, "bravo")]
        if all(status == 404 for status in answers):
            dead.append(route)
    # Only routes that answer POST alone may 404 on every GET variant (an action that does
    # not apply to a draft, say); a whole page that 404s for its owner would prove nothing.
    assert len(dead) <= len(routes) // 4, dead


@pytest.mark.parametrize("role", ROLES)
def test_every_private_route_of_b_answers_a_member_of_a_as_if_nothing_were_there(
    role, bravo, alpha_members
):
    blog, _, _, ids = bravo
    before = snapshot(blog)
    client = Client()
    client.force_login(alpha_members[role])
    wrong = []
    for route in private_routes():
        real, fake = fill(route, ids, "bravo"), fill(route, ids, "bravo", missing=True)
        for address, nothing in zip(real, fake, strict=True):
            for method in ("get", "post"):
                response = getattr(client, method)(address, {"title": "Taken", "action": "x"})
                expected = getattr(client, method)(nothing, {"title": "Taken"}).status_code
                if response.status_code != expected or response.status_code not in (404, 405):
                    wrong.append(f"{method.upper()} {address}: {response.status_code}, "
                                 f"not {expected} as for nothing")  # fmt: skip
                if leaks(response):
                    wrong.append(f"{method.upper()} {address} shows {leaks(response)}")
    assert wrong == []
    assert snapshot(blog) == before


@pytest.mark.parametrize("role", ROLES)
def test_b_public_side_hides_its_private_things_from_a_member_of_a(role, bravo, alpha_members):
    blog, _, posts, ids = bravo
    before = snapshot(blog)
    client = Client()
    client.force_login(alpha_members[role])
    hidden = [p for key, p in posts.items() if key != "public"]
    for post in hidden:
        address = post.get_absolute_url()
        for suffix in ("", "feed/", "?preview=true", f"?p={post.pk}"):
            response = client.get(address + suffix)
            assert response.status_code in (404, 301, 302), address + suffix
            assert leaks(response) == [], address + suffix
    listing = ["/bravo/", "/bravo/feed/", "/bravo/feed/atom/", "/bravo/comments/feed/",
               "/bravo/sitemap.xml", "/bravo/?s=SECRET", f"/bravo/author/{posts['draft'].author}/",
               posts["public"].get_absolute_url(), posts["public"].get_absolute_url() + "feed/",
               "/read/", "/read/discover/", "/notifications/", "/dashboard/", "/sitemap.xml",
               f"/?p={posts['draft'].pk}", f"/bravo/?p={posts['draft'].pk}"]  # fmt: skip
    for address in listing:
        response = client.get(address, follow=True)
        assert response.status_code in (200, 404), address
        assert leaks(response) == [], address
    # Likes are for what the reader can see: a draft, a held comment, or one on a draft
    # cannot be liked (and the answer is the one for nothing at all).
    for kind, pk in (("post", ids["post"]), ("comment", ids["comment"]),
                     ("comment", ids["comment on draft"])):  # fmt: skip
        real = client.post(f"/read/like/{kind}/{pk}/", {"action": "like"})
        fake = client.post(f"/read/like/{kind}/{MISSING}/", {"action": "like"})
        assert real.status_code == fake.status_code == 404, (kind, pk)
    for address in (f"/notifications/{ids['notification']}/",
                    f"/notifications/read/{ids['notification']}/"):  # fmt: skip
        real = client.post(address)
        fake = client.post(address.replace(str(ids["notification"]), str(MISSING)))
        assert real.status_code == fake.status_code, address
        assert leaks(real) == [], address
    assert snapshot(blog) == before


def test_a_guest_sees_nothing_private_of_b_either(bravo, guest):
    _, _, posts, _ = bravo
    for key, post in posts.items():
        response = guest.get(post.get_absolute_url())
        assert response.status_code == (200 if key == "public" else 404), key
        assert leaks(response) == [], key
    for address in ("/bravo/", "/bravo/feed/", "/bravo/comments/feed/", "/bravo/?s=SECRET"):
        assert leaks(guest.get(address)) == [], address
