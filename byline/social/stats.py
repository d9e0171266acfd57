"""Counting post views on the server, and the numbers a blog's stats page shows.

A post page says which post it is in a response header (mark_view, called by the post
view). The header is stored with the page in the page cache and replayed with it, so
ViewCounter, which sits outside the cache, counts pages served from the cache as well as
drawn ones, then removes the header; the page cache's fast path (pagecache/fastpath.py)
does the same for the pages it answers before Django. No cookie, no script, no outside
service. Robots (by their user agent), prefetches, HEAD requests and the blog's own
members are not counted.

Views are tallied in the process's memory and written in batches (one UPDATE per post,
day and referrer), not one UPDATE per view: a shared post read a thousand times a second
would otherwise queue a thousand writes a second behind SQLite's single writer. A tally is
written once it is FLUSH_SECONDS old or holds FLUSH_VIEWS views, by a background thread
under `byline serve` (so an idle worker's last views are written too), otherwise by the
request that finds it due; and when the process exits.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import os
import re
import threading
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from byline.platform.remembered import remembered

log = logging.getLogger(__name__)

HEADER = "X-Byline-Post"
# Crawlers, link previews, monitors, feed readers and scripts name themselves in their
# user agent; people's browsers never use these words.
BOT = re.compile(
    r"bot|crawl|spider|slurp|archiv|preview|fetch|monitor|uptime|pingdom|scan|check|"
    r"headless|phantom|lighthouse|feed|rss|curl|wget|python|java/|go-http|okhttp|axios|"
    r"node-fetch|libwww|perl|ruby|php|httpclient|http_request|facebookexternalhit|embedly|"
    r"whatsapp|telegram|discord|slack|skype|bingpreview|mediapartners|validator",
    re.IGNORECASE,
)
DAYS = 30
# How stale the stats page may be, and how many views a process holds before writing them.
# A worker answers thousands of cached post pages a second: at 500 views a batch it wrote
# one about 15 times a second, which cost 1.4 µs of each hit's CPU; the stats page is as
# current either way (FLUSH_SECONDS), only a worker killed outright loses more.
FLUSH_SECONDS = 5.0
FLUSH_VIEWS = 5000


def mark_view(response, post) -> None:
    """Say, in the answer, which post this page shows and in which time zone its days are."""
    response[HEADER] = f"{post.pk} {post.blog.time_zone}"


# Asked on every page-cache hit, and the pattern search was its costliest step; readers'
# browsers send few distinct user agents (platform/remembered.py: at most about 500 kB).
@remembered(kept=1024, longest=512)
def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT.search(user_agent))


def referring_host(meta) -> str:
    """Return the host of the outside page that linked here, or "" for none (or ourselves)."""
    referer = meta.get("HTTP_REFERER", "")
    if not referer:
        return ""
    from byline.pagecache.rules import host as own_host

    try:
        host = (urlsplit(referer).hostname or "").lower()
    except ValueError:
        return ""
    if not host or host == own_host(meta).split(":")[0].lower():
        return ""
    return host.removeprefix("www.")[:255]


def counts_as_view(meta) -> bool:
    """Return whether a person asked for this page (not a robot, a prefetch or a HEAD)."""
    if meta.get("REQUEST_METHOD") != "GET" or is_robot(meta.get("HTTP_USER_AGENT", "")):
        return False
    purpose = (meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", "")).lower()
    return "prefetch" not in purpose and "prerender" not in purpose


def count_view(meta, marked: str) -> None:
    """Count one view of the post a page's marker names (see mark_view)."""
    try:
        found = _markers.get(marked)
        if found is None:
            # Read once per marker: a cached page replays the same one on every hit.
            post_id, zone = marked.split(" ", 1)
            found = (int(post_id), zone)
            if len(_markers) >= MARKERS_KEPT:
                _markers.clear()
            _markers[marked] = found
        tally.add((found[0], today_in(found[1]), referring_host(meta)))
    except Exception:  # noqa: BLE001 - a lost count is only a number; the page is not
        log.exception("Could not count a view of post %s", marked)


MARKERS_KEPT = 4096
_markers: dict[str, tuple[int, str]] = {}  # "post_id zone" -> (post_id, zone)


def today_in(zone: str) -> datetime.date:
    """The date now in this time zone, worked out once per zone until its next midnight."""
    now = time.time()
    known = _days.get(zone)
    if known is not None and known[1] <= now < known[2]:
        return known[0]
    tz = zoneinfo.ZoneInfo(zone)
    local = datetime.datetime.fromtimestamp(now, tz)
    start = datetime.datetime.combine(local.date(), datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(),
                                    tzinfo=tz)  # fmt: skip
    _days[zone] = (local.date(), min(start.timestamp(), now), end.timestamp())
    return local.date()


_days: dict[str, tuple] = {}  # zone -> (its date, from, until), as Unix times


class Tally:
    """Views counted in this process and not yet written, by (post id, day, referrer)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.views: Counter = Counter()
        self.counted = 0  # views in self.views, kept as they come: summing them cost per view
        self.since = time.monotonic()
        self.due = threading.Event()
        self.writer_pid = None  # the process whose background thread writes the tally

    def add(self, key: tuple) -> None:
        with self.lock:
            self.views[key] += 1
            self.counted += 1
            full = self.counted >= FLUSH_VIEWS
            old = time.monotonic() - self.since >= FLUSH_SECONDS
        if not (full or old):
            return
        if self.writer_pid == os.getpid():
            self.due.set()
        else:
            self.flush()

    def take(self) -> Counter:
        with self.lock:
            taken, self.views, self.since = self.views, Counter(), time.monotonic()
            self.counted = 0
        return taken

    def flush(self) -> int:
        """Write every counted view to the database; return how many."""
        from byline.social.models import PostView

        taken = self.take()
        left = sorted(taken.items())
        try:
            while left:
                (post_id, day, referrer), n = left[0]
                PostView.count(post_id, day, referrer, views=n)
                left.pop(0)
        except Exception:  # noqa: BLE001 - keep what was not written for the next flush
            log.exception("Could not write %s post views; trying again later", len(left))
            with self.lock:
                self.views.update(dict(left))
                self.counted += sum(n for _, n in left)
        return taken.total() - sum(n for _, n in left)

    def write_in_background(self) -> None:
        """Write the tally every FLUSH_SECONDS from a thread of this process (idempotent)."""
        if self.writer_pid == os.getpid():
            return
        self.writer_pid = os.getpid()  # a forked worker starts a thread of its own
        threading.Thread(target=self._write_forever, name="byline-view-counts",
                         daemon=True).start()  # fmt: skip

    def _write_forever(self) -> None:
        from django.db import connections

        busy = False
        while True:
            self.due.wait(FLUSH_SECONDS)
            self.due.clear()
            if self.views:
                # The thread's connection stays open while views keep coming: opening one
                # for each batch cost four times the batch's own writes (a busy post page
                # fills a batch many times a second).
                self.flush()
                busy = True
                for connection in connections.all(initialized_only=True):
                    # As Django does between requests: a broken one (or, with a pool,
                    # every one: CONN_MAX_AGE 0) is closed, never retried forever.
                    connection.close_if_unusable_or_obsolete()
            elif busy:
                connections.close_all()  # this thread's own; none stays open while idle
                busy = False


tally = Tally()
atexit.register(lambda: tally.views and tally.flush())


def flush_views() -> int:
    """Write the views this process has counted so far (tests, and the stats page)."""
    return tally.flush()


class ViewCounter:
    """Count one view of a post each time its page is served to a person (see the docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        marked = response.get(HEADER)
        if marked is None:
            return response
        del response[HEADER]  # never sent to the reader
        if response.status_code == 200 and self.counts(request):
            count_view(request.META, marked)
        return response

    @staticmethod
    def counts(request) -> bool:
        if not counts_as_view(request.META):
            return False
        user = getattr(request, "user", None)  # a page from the cache never met a user
        blog = getattr(request, "blog", None)
        return not (user is not None and blog is not None and blog.is_member(user))


# The stats page ----------------------------------------------------------------------


@dataclass
class Day:
    day: datetime.date
    views: int


@dataclass
class Stats:
    days: list[Day]
    posts: list  # posts with .views, .like_count, .comment_count
    referrers: list[tuple[str, int]]
    followers: int
    likes: int
    comments: int

    @property
    def total_views(self) -> int:
        return sum(d.views for d in self.days)

    @property
    def peak(self) -> int:
        return max((d.views for d in self.days), default=0)


def for_blog(blog, *, post=None, days: int = DAYS) -> Stats:
    """Return the last `days` days of views (of one post, or the whole blog) and the totals."""
    from byline.comments.models import Comment
    from byline.posts.models import Post
    from byline.social.models import Follow, Like, PostView

    flush_views()  # this process's latest views; another's are at most FLUSH_SECONDS late
    today = timezone.localdate(timezone=blog.tzinfo)
    first = today - datetime.timedelta(days=days - 1)
    views = PostView.objects.filter(post__blog=blog, day__gte=first)
    if post is not None:
        views = views.filter(post=post)
    per_day = dict(views.values_list("day").annotate(n=Sum("views")).order_by())
    dates = [first + datetime.timedelta(days=i) for i in range(days)]
    chart = [Day(day, per_day.get(day, 0)) for day in dates]
    referrers = list(
        views.exclude(referrer="").values_list("referrer").annotate(n=Sum("views"))
        .order_by("-n", "referrer")[:10]
    )  # fmt: skip
    recent_views = (
        PostView.objects.filter(post=OuterRef("pk"), day__gte=first).order_by()
        .values("post").annotate(n=Sum("views")).values("n")
    )  # fmt: skip
    like_counts = (
        Like.objects.filter(post=OuterRef("pk")).order_by()
        .values("post").annotate(n=Count("*")).values("n")
    )  # fmt: skip
    posts = list(
        Post.objects.for_blog(blog).posts().exclude(status=Post.Status.TRASH)
        .filter(published_at__isnull=False)
        .annotate(views=Coalesce(Subquery(recent_views), 0),
                  like_count=Coalesce(Subquery(like_counts), 0))
        .order_by("-views", "-published_at")[:50]
    )  # fmt: skip
    for row in posts:
        row.blog = blog
    likes = Like.objects.filter(Q(post__blog=blog) | Q(comment__post__blog=blog)).count()
    return Stats(
        days=chart,
        posts=posts,
        referrers=referrers,
        followers=Follow.objects.filter(blog=blog).count(),
        likes=likes,
        comments=Comment.objects.for_blog(blog).approved().count(),
    )
