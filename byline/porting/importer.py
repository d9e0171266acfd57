"""Import a WordPress export (WXR) into a blog: faithfully, quickly, and safely re-runnable.

How it stays safe:
- The whole file is checked first (wxr.survey), so broken XML, entities or a missing
  channel stop the import before anything is written.
- Items are written in batches, each in one transaction together with the Origin rows
  that record where its objects came from. A killed import leaves whole batches only;
  running it again skips what the Origin rows name and carries on, and a second run of a
  finished import changes nothing.
- Every value is checked on the way in (fields.py); an item that cannot be imported is
  skipped with the reason in the summary, never half-written.

How it stays fast: rows are built in memory and written in bulk (posts, their
categories and tags, comments level by level of their threads, origins), with the
derived fields (rendered HTML, search text, paths) computed by Post.derive().
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from byline.blogs.models import Blog, Membership, Menu, MenuItem
from byline.blogs.reserved import validate_username
from byline.comments.models import Comment
from byline.comments.rendering import render_comment
from byline.media.models import MediaItem
from byline.porting import fields, wxr
from byline.porting.fields import Unfit
from byline.porting.models import ImportJob, Origin
from byline.posts.models import Category, Post, Tag

Kind = Origin.Kind
MAX_NOTES = 500
# Where Byline's own export keeps what WordPress has no field for (see exporter.py).
MARKDOWN_META = "_byline_markdown"
LOCATION_META = "_byline_location"
TRASH_STATUS_META = "_wp_trash_meta_status"

SKIPPED_TYPES = {
    "revision": "Byline keeps no revisions",
    "customize_changeset": "it is WordPress's theme customizer state",
    "custom_css": "it is the theme's custom CSS",
    "oembed_cache": "it is WordPress's cache",
    "user_request": "it is a WordPress privacy request",
    "wp_global_styles": "it belongs to a WordPress theme",
    "wp_template": "it belongs to a WordPress theme",
    "wp_template_part": "it belongs to a WordPress theme",
    "wp_navigation": "Byline reads menus from nav_menu_item entries",
}


@dataclass
class Summary:
    """What an import did: counts per kind of thing and outcome, and the reasons why."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    notes: list[str] = field(default_factory=list)
    more_notes: int = 0

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[kind][outcome] += n

    def note(self, text: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text)
        else:
            self.more_notes += 1

    def count(self, kind: str, outcome: str = "imported") -> int:
        return self.counts.get(kind, Counter()).get(outcome, 0)

    def as_dict(self) -> dict:
        return {kind: dict(outcomes) for kind, outcomes in self.counts.items()}

    def lines(self) -> list[str]:
        """Return the summary as lines for a terminal or a page."""
        lines = []
        for kind in ORDER:
            outcomes = self.counts.get(kind)
            if outcomes:
                parts = ", ".join(f"{n:,} {outcome}" for outcome, n in sorted(outcomes.items()))
                lines.append(f"{kind}: {parts}")
        lines += [f"- {note}" for note in self.notes]
        if self.more_notes:
            lines.append(f"- … and {self.more_notes:,} more notes like these.")
        return lines


ORDER = ["authors", "categories", "tags", "posts", "pages", "attachments", "comments",
         "menus", "menu items", "other items"]  # fmt: skip


@dataclass
class Progress:
    done: int
    total: int
    comments: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


class Importer:
    """Import one WXR file into one blog. Use check(), then run()."""

    BATCH_ITEMS = 250
    BATCH_COMMENTS = 5000

    def __init__(
        self,
        blog: Blog | None,
        *,
        author_map: dict[str, str] | None = None,
        fetch_media: Callable[[Blog, str, datetime.datetime | None], str] | None = None,
        progress: Callable[[Progress], None] | None = None,
        job: ImportJob | None = None,
    ):
        self.blog = blog
        self.author_map = {
            fields.wordpress_login(old): new for old, new in (author_map or {}).items()
        }
        self.fetch_media = fetch_media
        self.report_progress = progress
        self.job = job
        self.summary = Summary()
        self.survey: wxr.Survey | None = None

    # The two passes ----------------------------------------------------------------------

    def check(self, source: str | Path | BinaryIO) -> wxr.Survey:
        """Check the whole file and count its items; raise wxr.WXRError, with the line, if bad."""
        self.survey = wxr.survey(source)
        return self.survey

    def run(self, source: str | Path | BinaryIO) -> Summary:
        """Import the file into the blog and return the summary."""
        if self.survey is None:
            self.check(source)
        self.started = time.monotonic()
        self.done = self.comments_done = 0
        self._last_report = 0.0
        self._start_job()
        for record in wxr.read(source):
            if isinstance(record, wxr.Site):
                self._site(record)
            elif isinstance(record, wxr.Author):
                self._author(record)
            elif isinstance(record, wxr.Term):
                self._term(record)
            else:
                self._item(record)
        self._flush()
        self._finish()
        self._report(final=True)
        return self.summary

    # State -------------------------------------------------------------------------------

    def _site(self, site: wxr.Site) -> None:
        self.site = site
        address = site.base_blog_url or site.link or "unknown"
        parsed = urlparse(address if "//" in address else f"//{address}")
        self.source = f"{parsed.netloc.lower()}{parsed.path.rstrip('/')}"[:300] or "unknown"
        self.base_path = unquote(parsed.path).rstrip("/")
        blog = self.blog
        self.tz = blog.tzinfo
        self.origins = Origin.objects.imported(blog, self.source)
        self.seen: set[tuple[str, str]] = set()
        self.guids: dict[str, str] = {}
        self.new_origins: list[tuple] = []
        self.authors: dict[str, object] = {}
        self.authors_by_id: dict[str, object] = {}
        self.categories = {c.slug: c for c in Category.objects.filter(blog=blog)}
        self.categories_by_wp: dict[str, Category] = {}
        self.tags = {t.slug: t for t in Tag.objects.filter(blog=blog)}
        self.tags_by_wp: dict[str, Tag] = {}
        self.menus: dict[str, Menu] = {}
        self.menu_locations: dict[str, str] = {}
        self.post_slugs = set(
            Post.objects.filter(blog=blog, kind=Post.Kind.POST).values_list("slug", flat=True)
        )
        self.page_paths = set(
            Post.objects.filter(blog=blog, kind=Post.Kind.PAGE).values_list("path", flat=True)
        )
        self.batch: list[wxr.Item] = []
        self.batch_comments = 0
        self.pages: list[wxr.Item] = []
        self.menu_items: list[wxr.Item] = []
        self.pending_category_parents: list[tuple[Category, str]] = []
        self.pending_media_parents: list[tuple[int, str]] = []
        self.galleries: set[int] = set()
        self.skipped_types: Counter = Counter()
        self.undeclared: Counter = Counter()
        # Comments already in the database that a new reply may hang from: id → (thread, depth).
        self.comment_threads: dict[str, tuple[int, int | None, int]] = {}

    def _start_job(self) -> None:
        if self.job:
            self.job.status = ImportJob.Status.RUNNING
            self.job.total = self.survey.items
            self.job.started_at = self.job.updated_at = timezone.now()
            self.job.save(update_fields=["status", "total", "started_at", "updated_at"])

    def _report(self, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last_report < 0.5:
            return
        self._last_report = now
        state = Progress(self.done, self.survey.items, self.comments_done, now - self.started)
        if self.report_progress:
            self.report_progress(state)
        if self.job:
            self.job.done = self.done
            self.job.counts = self.summary.as_dict()
            self.job.notes = self.summary.notes[:100]
            self.job.updated_at = timezone.now()
            self.job.save(update_fields=["done", "counts", "notes", "updated_at"])

    def _remember(self, kind: str, key: str, obj_id: int, guid: str = "", old_path: str = ""):
        self.origins[(kind, key)] = obj_id
        self.new_origins.append(
            (self.blog.pk, self.source, kind, key, obj_id, guid[:2000], old_path[:1000])
        )

    def _save_origins(self) -> None:
        insert_rows(Origin, ORIGIN_COLUMNS, self.new_origins)
        self.new_origins = []

    def _old_path(self, link: str) -> str:
        """Return the path of an old address below the old site's, such as 2015/01/27/slug."""
        parsed = urlparse(link or "")
        if parsed.query or not parsed.path:
            return ""
        path = re.sub(r"/+", "/", unquote(parsed.path))
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path) :]
        return path.strip("/")

    # Authors -----------------------------------------------------------------------------

    def _author(self, author: wxr.Author) -> None:
        login = fields.wordpress_login(author.login)[:300]
        if not login or login in self.authors:
            return
        author.login = login
        user = self._user_for(author)
        self.authors[login] = user
        if author.wp_id:
            self.authors_by_id[author.wp_id] = user

    def _user_for(self, author: wxr.Author):
        User = get_user_model()
        if author.login in self.author_map:
            user = User.objects.get(username=self.author_map[author.login])
            self.summary.add("authors", "mapped")
            self._ensure_member(user)
            return user
        if (Kind.AUTHOR, author.login) in self.origins:
            user = User.objects.filter(pk=self.origins[(Kind.AUTHOR, author.login)]).first()
            if user:
                self.summary.add("authors", "already imported")
                return user
        # A new account nobody can sign in to until its owner resets the password: an
        # import never hands a WordPress login to someone on this platform by name alone.
        username = self._free_username(author.login)
        user = User(
            username=username,
            email=fields.email(author.email),
            display_name=(author.display_name or author.login)[:150],
            first_name=author.first_name[:150],
            last_name=author.last_name[:150],
        )
        user.set_unusable_password()
        with transaction.atomic():
            user.save()
            if user.email and apps.is_installed("allauth.account"):
                # The address came from a file, not from its owner: it stays unverified
                # until they confirm it, as any new account's does.
                from allauth.account.models import EmailAddress

                EmailAddress.objects.create(
                    user=user, email=user.email, verified=False, primary=True
                )
            self._ensure_member(user)
            self._remember(Kind.AUTHOR, author.login, user.pk)
            self._save_origins()
        self.summary.add("authors", "imported")
        if username != author.login:
            self.summary.note(f"Author “{author.login}” is the new account “{username}”.")
        return user

    def _free_username(self, login: str) -> str:
        User = get_user_model()
        base = re.sub(r"[^\w.@+-]+", "-", login).strip("-")[:140] or "writer"
        try:
            validate_username(base)
        except Exception:  # noqa: BLE001 - any refusal means: pick another name
            base = f"{base}-writes"
        taken = set(
            User.objects.filter(username__startswith=base).values_list("username", flat=True)
        )
        return fields.unique(base, taken, 150)

    def _ensure_member(self, user) -> None:
        if user.pk != self.blog.owner_id:
            Membership.objects.get_or_create(
                blog=self.blog, user=user, defaults={"role": Membership.Role.AUTHOR}
            )

    def _author_of(self, login: str):
        login = fields.wordpress_login(login)
        if not login:
            return self.blog.owner
        if login not in self.authors:
            # WXR 1.0 files name authors only on their items.
            self._author(wxr.Author(login=login))
        return self.authors[login]

    # Terms -------------------------------------------------------------------------------

    def _term(self, term: wxr.Term) -> None:
        if term.taxonomy == "category":
            self._category(term)
        elif term.taxonomy == "post_tag":
            self._tag(term)
        elif term.taxonomy == "nav_menu":
            self._menu(term)

    def _category(self, term: wxr.Term) -> Category | None:
        wp_slug = term.slug or term.name
        if not wp_slug or wp_slug in self.categories_by_wp:
            return self.categories_by_wp.get(wp_slug)
        slug, why = fields.adapt_slug(wp_slug, term.name, "category")
        category = self.categories.get(slug)
        if category is None:
            category = Category(
                blog=self.blog, name=(term.name or slug)[:200], slug=slug,
                description=term.description,
            )  # fmt: skip
            parent = self.categories_by_wp.get(term.parent) if term.parent else None
            category.parent = parent
            category.save()
            self.categories[slug] = category
            self.summary.add("categories", "imported")
            if why:
                self.summary.note(f"Category “{term.name}”: slug “{slug}”, since {why}")
            if term.parent and parent is None:
                self.pending_category_parents.append((category, term.parent))
        else:
            self.summary.add("categories", "already there")
        self.categories_by_wp[wp_slug] = category
        key = (term.wp_id or f"slug:{wp_slug}")[:300]
        if (Kind.CATEGORY, key) not in self.origins:
            old = "category/" + "/".join(self._category_wp_path(term))
            self._remember(Kind.CATEGORY, key, category.pk, old_path=old)
            self._save_origins()
        return category

    def _category_wp_path(self, term: wxr.Term) -> list[str]:
        parents = []
        parent = self.categories_by_wp.get(term.parent) if term.parent else None
        while parent is not None and len(parents) < 50:
            parents.insert(0, parent.slug)
            parent = parent.parent
        return [*parents, unquote(term.slug)]

    def _tag(self, term: wxr.Term) -> Tag | None:
        wp_slug = term.slug or term.name
        if not wp_slug or wp_slug in self.tags_by_wp:
            return self.tags_by_wp.get(wp_slug)
        slug = fields.tag_slug(wp_slug, term.name)
        tag = self.tags.get(slug)
        if tag is None:
            tag = Tag.objects.create(blog=self.blog, name=(term.name or slug)[:200], slug=slug)
            self.tags[slug] = tag
            self.summary.add("tags", "imported")
        else:
            self.summary.add("tags", "already there")
        self.tags_by_wp[wp_slug] = tag
        key = (term.wp_id or f"slug:{wp_slug}")[:300]
        if (Kind.TAG, key) not in self.origins:
            self._remember(Kind.TAG, key, tag.pk, old_path=f"tag/{unquote(wp_slug)}")
            self._save_origins()
        return tag

    def _menu(self, term: wxr.Term) -> Menu:
        slug = (unquote(term.slug) or fields.tag_slug("", term.name))[:200]
        if slug in self.menus:
            return self.menus[slug]
        menu, created = Menu.objects.get_or_create(
            blog=self.blog, slug=slug, defaults={"name": (term.name or slug)[:200]}
        )
        self.summary.add("menus", "imported" if created else "already there")
        self.menus[slug] = menu
        if term.meta.get(LOCATION_META):
            self.menu_locations[slug] = term.meta[LOCATION_META]
        return menu

    def _item_terms(self, item: wxr.Item) -> tuple[list[Category], list[Tag]]:
        categories, tags = [], []
        for term in item.terms:
            if term.domain == "category":
                found = self.categories_by_wp.get(term.slug) or self._undeclared(term)
                if found and found not in categories:
                    categories.append(found)
            elif term.domain == "post_tag":
                found = self.tags_by_wp.get(term.slug) or self._undeclared(term)
                if found and found not in tags:
                    tags.append(found)
        return categories, tags

    def _undeclared(self, term: wxr.ItemTerm) -> Category | Tag | None:
        """Return the category or tag an item names that the file's lists do not hold.

        WordPress lists every category and tag of a site at the top of its export, so the
        list decides: an item's term is matched by name when its slug differs (hand-edited
        files), and left out, with a note, when the list lacks it. A file with no list at
        all (written by another tool) gets its terms from its items.
        """
        declared = self.categories_by_wp if term.domain == "category" else self.tags_by_wp
        if declared:
            name = term.name.strip().lower()
            found = next((t for t in declared.values() if t.name.lower() == name), None)
            if found is None:
                self.undeclared[(term.domain, term.slug, term.name)] += 1
            return found
        declare = self._category if term.domain == "category" else self._tag
        taxonomy = "category" if term.domain == "category" else "post_tag"
        return declare(wxr.Term(taxonomy, term.slug, term.name))

    # Items -------------------------------------------------------------------------------

    def _item(self, item: wxr.Item) -> None:
        post_type = item.post_type or "post"
        if post_type == "page":
            # Pages wait for the end of the file: a page's parent may come after it, and
            # its address is its parent's address plus its own slug.
            self.pages.append(item)
            return
        if post_type == "nav_menu_item":
            self.menu_items.append(item)
            self.done += 1
            return
        if post_type not in ("post", "attachment"):
            self.skipped_types[post_type] += 1
            self.summary.add("other items", "skipped")
            self.done += 1
            return
        self.batch.append(item)
        self.batch_comments += len(item.comments)
        if len(self.batch) >= self.BATCH_ITEMS or self.batch_comments >= self.BATCH_COMMENTS:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch, self.batch_comments = self.batch, [], 0
        downloads = {}
        if self.fetch_media:
            downloads = self._download([i for i in batch if i.post_type == "attachment"])
        with transaction.atomic():
            posts = []
            for item in batch:
                if item.post_type == "attachment":
                    self._attachment(item, downloads)
                else:
                    posts.append(item)
            self._posts(posts)
            self._save_origins()
        self.done += len(batch)
        self._report()

    def _key(self, item: wxr.Item, kind: str) -> str | None:
        """Return the item's identity in this import, or None (noted) if it has none or repeats."""
        # Cut to the length Origin stores, so a second run finds what the first one wrote.
        key = (item.wp_id or (f"guid:{item.guid}" if item.guid else ""))[:300]
        if not key:
            self.summary.note(f"Skipped {item.label}: it has neither a WordPress ID nor a GUID.")
            return None
        if (kind, key) in self.seen:
            self.summary.note(
                f"Skipped {item.label}: another item in the file has the same WordPress ID."
            )
            return None
        self.seen.add((kind, key))
        if item.guid:
            first = self.guids.setdefault(item.guid, key)
            if first != key:
                self.summary.note(
                    f"{item.label} has the same GUID as item {first}; imported as its own post."
                )
        return key

    def _posts(self, items: list[wxr.Item], kind: str = Post.Kind.POST) -> None:
        """Write a batch of posts or pages, their terms and their comments."""
        counted = "pages" if kind == Post.Kind.PAGE else "posts"
        new, terms, with_comments = [], [], []
        for item in items:
            key = self._key(item, Kind.POST)
            if key is None:
                self.summary.add(counted, "skipped")
                continue
            if (Kind.POST, key) in self.origins:
                self.summary.add(counted, "already imported")
                if item.comments:
                    with_comments.append((self.origins[(Kind.POST, key)], item))
                continue
            try:
                post = self._post(item, kind)
            except Unfit as unfit:
                self.summary.add(counted, "skipped")
                self.summary.note(f"Skipped {item.label}: {unfit}.")
                continue
            new.append((key, item, post))
            terms.append(self._item_terms(item))
        Post.objects.bulk_create([post for _, _, post in new], batch_size=500)
        category_rows, tag_rows = [], []  # (post, category) and (post, tag) id pairs
        for (key, item, post), (categories, tags) in zip(new, terms, strict=True):
            self._remember(
                Kind.POST, key, post.pk, guid=item.guid, old_path=self._old_path(item.link)
            )
            category_rows += [(post.pk, c.pk) for c in categories]
            tag_rows += [(post.pk, t.pk) for t in tags]
            if "[gallery" in post.body_markdown:
                self.galleries.add(post.pk)
            if item.comments:
                with_comments.append((post.pk, item))
        insert_rows(Post.categories.through, ["post", "category"], category_rows)
        insert_rows(Post.tags.through, ["post", "tag"], tag_rows)
        self.summary.add(counted, "imported", len(new))
        self._comments(with_comments)

    def _post(self, item: wxr.Item, kind: str) -> Post:
        """Return an unsaved Post for the item, derived fields and all; raise Unfit if it can't."""
        status = fields.POST_STATUSES.get(item.status)
        if status is None:
            raise Unfit(f"its status “{item.status}” is not one WordPress publishes")
        unscheduled = status in (Post.Status.DRAFT, Post.Status.PENDING)
        try:
            if unscheduled:
                # WordPress writes a zero GMT date for a draft whose date is not chosen yet
                # (its local date is only when it was last saved): it gets none here.
                published_at = fields.best_date(item.post_date_gmt, "", "", self.tz)
            else:
                published_at = fields.best_date(
                    item.post_date_gmt, item.post_date, item.pub_date, self.tz
                )
        except Unfit as unfit:
            if unscheduled:
                published_at = None
                self.summary.note(f"{item.label}: no date kept, since {unfit}.")
            else:
                raise Unfit(f"its date is wrong ({unfit})") from None
        if published_at is None and status in (
            Post.Status.PUBLISHED, Post.Status.SCHEDULED, Post.Status.PRIVATE
        ):  # fmt: skip
            raise Unfit("it has no publication date")
        try:
            modified = fields.best_date(item.post_modified_gmt, item.post_modified, "", self.tz)
        except Unfit:
            modified = None
        title = item.title
        if len(title) > 300:
            self.summary.note(f"{item.label}: title cut to 300 characters.")
            title = title[:300]
        slug, why = fields.adapt_slug(item.slug, title, kind)
        parent = None
        if kind == Post.Kind.PAGE:
            parent_id = self.origins.get((Kind.POST, item.parent)) if item.parent != "0" else None
            if parent_id:
                parent = Post.objects.only("path", "blog_id").get(pk=parent_id)
            elif item.parent not in ("", "0"):
                self.summary.note(
                    f"{item.label}: its parent page is not in the file; now a top page."
                )
            prefix = f"{parent.path}/" if parent else ""
            free = fields.unique(prefix + slug, self.page_paths, 1000)
            slug = free[len(prefix) :]
        else:
            free = fields.unique(slug, self.post_slugs)
            slug = free
        if slug != unquote(item.slug).lower():
            reason = why or "another post has that address"
            self.summary.note(f"{item.label}: slug “{slug}”, since {reason}")
        body, body_format = item.content, Post.BodyFormat.HTML
        if MARKDOWN_META in item.meta:
            body, body_format = item.meta[MARKDOWN_META], Post.BodyFormat.MARKDOWN
        post = Post(
            blog=self.blog,
            kind=kind,
            author=self._author_of(item.creator),
            title=title,
            slug=slug,
            parent=parent,
            menu_order=fields.integer(item.menu_order),
            body_markdown=body,
            body_format=body_format,
            excerpt=item.excerpt,
            password=item.password[:255],
            status=status,
            published_at=published_at,
            sticky=item.is_sticky == "1" and kind == Post.Kind.POST,
            comment_status=(
                Post.CommentStatus.OPEN if item.comment_status == "open"
                else Post.CommentStatus.CLOSED
            ),
            updated_at=modified or published_at or timezone.now(),
        )  # fmt: skip
        post.derive()
        if kind == Post.Kind.PAGE:
            self.page_paths.add(post.path)
        else:
            self.post_slugs.add(slug)
        return post

    # Comments ----------------------------------------------------------------------------

    def _comments(self, posts: list[tuple[int, wxr.Item]]) -> None:
        """Write the comments of these posts, parents before replies, and recount the posts."""
        waiting: list[tuple[str, str, Comment]] = []  # (key, parent key, comment)
        touched = set()
        for post_id, item in posts:
            post_when = None
            for record in item.comments:
                key = (record.wp_id or f"{item.wp_id}:{record.date_gmt}:{record.author}")[:300]
                if (Kind.COMMENT, key) in self.origins or (Kind.COMMENT, key) in self.seen:
                    self.summary.add("comments", "already imported")
                    continue
                self.seen.add((Kind.COMMENT, key))
                try:
                    comment = self._comment(record, post_id)
                except Unfit as unfit:
                    self.summary.add("comments", "skipped")
                    self.summary.note(f"Skipped comment {key} on {item.label}: {unfit}.")
                    continue
                if comment.created_at is None:
                    if post_when is None:
                        post_when = (
                            Post.objects.filter(pk=post_id)
                            .values_list("published_at", flat=True)
                            .first()
                            or timezone.now()
                        )
                    comment.created_at = post_when
                parent = record.parent if record.parent not in ("", "0") else ""
                waiting.append((key, parent, comment))
                touched.add(post_id)
        level = 0
        while waiting:
            ready, later = [], []
            for key, parent, comment in waiting:
                if not parent:
                    ready.append((key, comment))
                    continue
                found = self._thread_of(parent)
                if found:
                    parent_id, thread_id, depth = found
                    comment.parent_id = parent_id
                    comment.thread_id = thread_id or parent_id
                    comment.depth = depth + 1
                    ready.append((key, comment))
                else:
                    later.append((key, parent, comment))
            if not ready:
                # Replies to comments the file does not hold: keep them, at the top level.
                for key, parent, comment in later:
                    self.summary.note(
                        f"Comment {key} replies to comment {parent}, which is not in the file; "
                        "kept as a new thread."
                    )
                ready, later = [(key, c) for key, _, c in later], []
            Comment.objects.bulk_create([c for _, c in ready], batch_size=1000)
            for key, comment in ready:
                self._remember(Kind.COMMENT, key, comment.pk)
                self.comment_threads[key] = (comment.pk, comment.thread_id, comment.depth)
            self.summary.add("comments", "imported", len(ready))
            self.comments_done += len(ready)
            waiting, level = later, level + 1
        if touched:
            approved = (
                Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.APPROVED)
                .values("post").annotate(n=Count("*")).values("n")
            )  # fmt: skip
            Post.objects.filter(pk__in=touched).update(
                comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0))
            )

    def _thread_of(self, key: str) -> tuple[int, int | None, int] | None:
        if key in self.comment_threads:
            return self.comment_threads[key]
        comment_id = self.origins.get((Kind.COMMENT, key))
        if comment_id is None:
            return None
        row = Comment.objects.filter(pk=comment_id).values_list("pk", "thread_id", "depth").first()
        if row:
            self.comment_threads[key] = row
        return row

    def _comment(self, record: wxr.Comment, post_id: int) -> Comment:
        status = fields.COMMENT_STATUSES.get(record.approved.lower())
        if status is None:
            raise Unfit(f"its state “{record.approved}” is not one WordPress writes")
        created_at = fields.best_date(record.date_gmt, record.date, "", self.tz)
        before_trash = ""
        if status == Comment.Status.TRASH:
            before_trash = fields.COMMENT_STATUSES.get(
                record.meta.get(TRASH_STATUS_META, ""), Comment.Status.PENDING
            )
        kind = fields.COMMENT_KINDS.get(record.type, Comment.Kind.COMMENT)
        comment = Comment(
            post_id=post_id,
            kind=kind,
            user=self.authors_by_id.get(record.user_id) if record.user_id != "0" else None,
            author_name=record.author[:245] or "Anonymous",
            author_email=fields.email(record.author_email),
            author_url=fields.url(record.author_url),
            author_ip=fields.ip_address(record.author_ip),
            content=record.content,
            content_html=render_comment(record.content),
            status=status,
            status_before_trash=before_trash if before_trash != Comment.Status.TRASH else "",
            trashed_at=timezone.now() if status == Comment.Status.TRASH else None,
            created_at=created_at,
        )
        return comment

    # Attachments -------------------------------------------------------------------------

    def _download(self, items: list[wxr.Item]) -> dict[str, str]:
        """Fetch the files of these attachments (outside any transaction); return url → path."""
        found = {}
        for item in items:
            url = item.attachment_url or item.guid
            if not url or (Kind.ATTACHMENT, item.wp_id) in self.origins:
                continue
            try:
                when = fields.best_date(item.post_date_gmt, item.post_date, item.pub_date, self.tz)
            except Unfit:
                when = None
            try:
                found[url] = self.fetch_media(self.blog, url, when)
            except (OSError, ValueError) as error:
                self.summary.note(
                    f"{item.label}: the file was not copied ({error}); its address stays {url}."
                )
        return found

    def _attachment(self, item: wxr.Item, downloads: dict[str, str]) -> None:
        key = self._key(item, Kind.ATTACHMENT)
        if key is None:
            self.summary.add("attachments", "skipped")
            return
        if (Kind.ATTACHMENT, key) in self.origins:
            self.summary.add("attachments", "already imported")
            return
        url = item.attachment_url or item.guid
        try:
            when = fields.best_date(item.post_date_gmt, item.post_date, item.pub_date, self.tz)
        except Unfit:
            when = None
        media = MediaItem(
            blog=self.blog,
            original_url=fields.url(url, 2000),
            title=item.title[:300],
            alt_text=item.meta.get("_wp_attachment_image_alt", ""),
            caption=item.excerpt,
            description=item.content,
            width=fields.php_int(item.meta.get("_wp_attachment_metadata", ""), "width"),
            height=fields.php_int(item.meta.get("_wp_attachment_metadata", ""), "height"),
            wordpress_id=fields.integer(item.wp_id, 0) or None,
            uploaded_at=when or timezone.now(),
        )
        if url in downloads:
            media.file.name = downloads[url]
        media.mime_type = item.meta.get("_byline_mime_type") or media.guess_mime_type()
        parent = item.parent if item.parent not in ("", "0") else ""
        if parent and (Kind.POST, parent) in self.origins:
            media.post_id = self.origins[(Kind.POST, parent)]
        media.save()
        if parent and media.post_id is None:
            self.pending_media_parents.append((media.pk, parent))
        self._remember(Kind.ATTACHMENT, key, media.pk, guid=item.guid,
                       old_path=self._old_path(item.link))  # fmt: skip
        self.summary.add("attachments", "imported")

    # The end -----------------------------------------------------------------------------

    def _finish(self) -> None:
        self._import_pages()
        with transaction.atomic():
            for category, parent_slug in self.pending_category_parents:
                parent = self.categories_by_wp.get(parent_slug)
                if parent and parent.pk != category.pk:
                    category.parent = parent
                    category.save()
            for media_id, parent in self.pending_media_parents:
                if (Kind.POST, parent) in self.origins:
                    MediaItem.objects.filter(pk=media_id).update(
                        post_id=self.origins[(Kind.POST, parent)]
                    )
        # Galleries show their post's attachments, which may have come after the post.
        for post in Post.objects.filter(pk__in=self.galleries).select_related("blog"):
            post.save(update_fields=["body_html", "search_text", "summary", "body_markdown"],
                      touch=False)  # fmt: skip
        with transaction.atomic():
            self._import_menus()
            self._save_origins()
        for (domain, slug, name), n in sorted(self.undeclared.items()):
            what = "category" if domain == "category" else "tag"
            self.summary.note(
                f"The {what} “{name}” ({slug}) of {n:,} item(s) is not in the file's list of "
                f"{what} terms; left out."
            )
        for post_type, n in sorted(self.skipped_types.items()):
            why = SKIPPED_TYPES.get(post_type, "Byline has no such kind of content")
            self.summary.note(f"Skipped {n:,} item(s) of type “{post_type}”: {why}.")

    def _import_pages(self) -> None:
        """Write the pages held back till the end, each after the page it sits under."""
        by_id = {item.wp_id: item for item in self.pages if item.wp_id}
        ordered, placed = [], set()

        def place(item: wxr.Item, trail: tuple = ()) -> None:
            if id(item) in placed:
                return
            parent = by_id.get(item.parent)
            if parent is not None and parent is not item and item.wp_id not in trail:
                place(parent, (*trail, item.wp_id))
            placed.add(id(item))
            ordered.append(item)

        for item in self.pages:
            place(item)
        depth = {}
        for item in ordered:
            depth[id(item)] = depth.get(id(by_id.get(item.parent)), -1) + 1
        # Write level by level, so a page's parent is always in an earlier transaction.
        for level in sorted(set(depth.values())):
            items = [item for item in ordered if depth[id(item)] == level]
            for start in range(0, len(items), self.BATCH_ITEMS):
                chunk = items[start : start + self.BATCH_ITEMS]
                with transaction.atomic():
                    self._posts(chunk, kind=Post.Kind.PAGE)
                    self._save_origins()
                self.done += len(chunk)
                self._report()
        self.pages = []

    def _import_menus(self) -> None:
        created: dict[tuple[str, str], MenuItem] = {}
        parents: list[tuple[MenuItem, str, str]] = []
        for item in self.menu_items:
            menu_slugs = item.term_slugs("nav_menu")
            if not menu_slugs:
                self.summary.add("menu items", "skipped")
                continue
            menu_slug = unquote(menu_slugs[0])
            menu = self.menus.get(menu_slug) or self._menu(
                wxr.Term("nav_menu", menu_slug, item.terms[0].name)
            )
            key = f"{menu_slug}:{item.wp_id}"[:300]
            if (Kind.MENU_ITEM, key) in self.origins or (Kind.MENU_ITEM, key) in self.seen:
                self.summary.add("menu items", "already imported")
                continue
            self.seen.add((Kind.MENU_ITEM, key))
            target = self._menu_target(item)
            if target is None:
                self.summary.add("menu items", "skipped")
                self.summary.note(
                    f"Skipped menu item {item.wp_id} of “{menu.name}”: what it links to is not "
                    "in the file."
                )
                continue
            entry = MenuItem(
                menu=menu, order=fields.integer(item.menu_order), label=item.title[:300],
                new_tab=item.meta.get("_menu_item_target") == "_blank", **target,
            )  # fmt: skip
            entry.save()
            created[(menu_slug, item.wp_id)] = entry
            parent = item.meta.get("_menu_item_menu_item_parent", "0")
            if parent not in ("", "0"):
                parents.append((entry, menu_slug, parent))
            self._remember(Kind.MENU_ITEM, key, entry.pk)
            self.summary.add("menu items", "imported")
        for entry, menu_slug, parent in parents:
            found = created.get((menu_slug, parent))
            if found is None and (Kind.MENU_ITEM, f"{menu_slug}:{parent}") in self.origins:
                found = MenuItem.objects.filter(
                    pk=self.origins[(Kind.MENU_ITEM, f"{menu_slug}:{parent}")]
                ).first()
            if found:
                entry.parent = found
                entry.save(update_fields=["parent"])
        self._place_header_menu()

    def _menu_target(self, item: wxr.Item) -> dict | None:
        meta = item.meta
        kind, target = meta.get("_menu_item_type", "custom"), meta.get("_menu_item_object_id", "")
        if kind == "post_type":
            post_id = self.origins.get((Kind.POST, target))
            return {"post_id": post_id} if post_id else None
        if kind == "taxonomy" and meta.get("_menu_item_object") == "category":
            found = Origin.objects.filter(
                blog=self.blog, kind=Kind.CATEGORY, key=target
            ).values_list("object_id", flat=True).first()  # fmt: skip
            return {"category_id": found} if found else None
        address = meta.get("_menu_item_url", "")
        return {"url": address[:2000]} if address else None

    def _place_header_menu(self) -> None:
        """Put one imported menu in the blog's header, unless the blog already has one there.

        WordPress keeps which menu sits where in the theme's settings, which an export
        leaves out; Byline's own export says so in a term meta. Otherwise the menu named
        like a main menu wins, or else the biggest one that is not a social links menu.
        """
        if not self.menus or Menu.header_for(self.blog):
            return
        menus = list(self.menus.values())
        chosen = next((m for m in menus if self.menu_locations.get(m.slug) == "header"), None)
        if chosen is None:
            main = re.compile(r"\b(primary|main|header|top|menu-1)\b", re.IGNORECASE)
            chosen = next((m for m in menus if main.search(m.slug) or main.search(m.name)), None)
        if chosen is None:
            sizes = {m.pk: m.items.count() for m in menus}
            candidates = [
                m for m in menus if sizes[m.pk] and not re.search(r"social|footer", m.slug)
            ]
            chosen = max(candidates, key=lambda m: (sizes[m.pk], -m.pk), default=None)
        if chosen:
            chosen.location = Menu.Location.HEADER
            chosen.save(update_fields=["location"])


ORIGIN_COLUMNS = ["blog", "source", "kind", "key", "object_id", "guid", "old_path"]


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert rows nobody reads back (origins, post-term links) with one executemany.

    bulk_create would build a model instance per row; for the 100,000 origins of a big
    import that costs more than the database's own work.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    # Only names from the models' own metadata go into the statement; values are parameters.
    statement = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(statement, rows[start : start + 5000])


def parse_author_map(text: str) -> dict[str, str]:
    """Return {"old": "new"} for "old=new,other=someone"; raise ValueError on a bad pair."""
    found = {}
    for pair in filter(None, (p.strip() for p in (text or "").split(","))):
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValueError(f"“{pair}” is not old=new")
        found[old.strip()] = new.strip()
    return found


def elapsed(seconds: float) -> str:
    return str(datetime.timedelta(seconds=int(seconds)))
