"""Posts and pages: the items of a WXR file, written in batches with their terms and comments.

Each batch is one transaction together with the Origin rows that name its objects, so an
interrupted import leaves whole batches only and the next run carries on after them. A
post imported before is left alone, unless the file now holds a newer version of it (its
modified date is later than the post's): then its words, state and terms are brought over.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.db import transaction
from django.utils import timezone

from byline.porting import fields, wxr
from byline.porting.fields import Unfit
from byline.porting.importer.meta_keys import MARKDOWN_META, THUMBNAIL_META
from byline.porting.importer.rows import insert_rows
from byline.porting.models import Origin
from byline.posts import old_links
from byline.posts.models import Post

Kind = Origin.Kind
RENDERED_FIELDS = ["body_markdown", "body_html", "search_text", "summary"]
# What a newer version of an item changes in a post imported before (never its address).
UPDATED_FIELDS = ["author", "title", "menu_order", "body_markdown", "body_format", "excerpt",
                  "password", "status", "published_at", "sticky", "comment_status", "updated_at",
                  "body_html", "search_text", "summary", "pub_date", "path"]  # fmt: skip


class PostImport:
    """The Importer's handling of items: posts, pages, attachments, menu items and the rest."""

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
        new, terms, with_comments, known = [], [], [], []
        for item in items:
            key = self._key(item, Kind.POST)
            if key is None:
                self.summary.add(counted, "skipped")
                continue
            if (Kind.POST, key) in self.origins:
                known.append((self.origins[(Kind.POST, key)], item))
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
            self._note_featured_image(post.pk, item)
            if item.comments:
                with_comments.append((post.pk, item))
        insert_rows(Post.categories.through, ["post", "category"], category_rows)
        insert_rows(Post.tags.through, ["post", "tag"], tag_rows)
        self.summary.add(counted, "imported", len(new))
        self._update_posts(known, kind)
        self._comments(with_comments)

    def _update_posts(self, known: list[tuple[int, wxr.Item]], kind: str) -> None:
        """Bring over the items imported before that the file holds a newer version of.

        A post keeps its address (its slug and parent), so links to it keep working. A
        post edited here after the import has a later modified date than the file's, so a
        re-import never undoes that edit.
        """
        counted = "pages" if kind == Post.Kind.PAGE else "posts"
        stored = Post.objects.filter(pk__in=[pk for pk, _ in known]).select_related("blog")
        posts = {post.pk: post for post in stored.select_related("parent")}
        for post_id, item in known:
            post, modified = posts.get(post_id), self._modified(item)
            if post is None or modified is None or modified <= post.updated_at:
                self.summary.add(counted, "already imported")
                continue
            try:
                values = self._content(item, kind)
            except Unfit as unfit:
                self.summary.add(counted, "skipped")
                self.summary.note(f"Did not update {item.label}: {unfit}.")
                continue
            old_path, was_public = post.path, post.is_public
            for name, value in values.items():
                setattr(post, name, value)
            post.derive()
            if post.kind == Post.Kind.POST and old_path != post.path and was_public:
                old_links.moved(post, old_path)  # its earlier Byline address redirects here
            # As new posts are written: no save(), so no "new post" email goes out for it.
            Post.objects.filter(pk=post.pk).update(
                **{name: getattr(post, name) for name in UPDATED_FIELDS}
            )
            categories, tags = self._item_terms(item)
            post.categories.set(categories)
            post.tags.set(tags)
            if "[gallery" in post.body_markdown:
                self.galleries.add(post.pk)
            self._note_featured_image(post.pk, item)
            self.summary.add(counted, "updated")

    def _note_featured_image(self, post_id: int, item: wxr.Item) -> None:
        """Remember the post's featured image (`_thumbnail_id`), set once attachments are in."""
        thumbnail = item.meta.get(THUMBNAIL_META, "").strip()
        if thumbnail and thumbnail != "0":
            self.pending_featured_images.append((post_id, thumbnail, item.label))

    def _render_again(self, posts) -> None:
        """Compute these posts' derived fields again (their body or its images changed)."""
        for post in posts.select_related("blog", "parent").iterator(200):
            post.derive()
            # As the import writes posts: no save(), so no "new post" email goes out.
            Post.objects.filter(pk=post.pk).update(
                **{name: getattr(post, name) for name in RENDERED_FIELDS}
            )

    def _modified(self, item: wxr.Item):
        try:
            return fields.best_date(item.post_modified_gmt, item.post_modified, "", self.tz)
        except Unfit:
            return None

    def _content(self, item: wxr.Item, kind: str) -> dict:
        """Return the item's fields a post takes, but for its address; raise Unfit if it can't."""
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
        title = item.title
        if len(title) > 300:
            self.summary.note(f"{item.label}: title cut to 300 characters.")
            title = title[:300]
        body, body_format = item.content, Post.BodyFormat.HTML
        if MARKDOWN_META in item.meta:
            body, body_format = item.meta[MARKDOWN_META], Post.BodyFormat.MARKDOWN
        return {
            "author": self._author_of(item.creator),
            "title": title,
            "menu_order": fields.integer(item.menu_order),
            "body_markdown": body,
            "body_format": body_format,
            "excerpt": item.excerpt,
            "password": item.password[:255],
            "status": status,
            "published_at": published_at,
            "sticky": item.is_sticky == "1" and kind == Post.Kind.POST,
            "comment_status": (
                Post.CommentStatus.OPEN if item.comment_status == "open"
                else Post.CommentStatus.CLOSED
            ),
            "updated_at": self._modified(item) or published_at or timezone.now(),
        }  # fmt: skip

    def _post(self, item: wxr.Item, kind: str) -> Post:
        """Return an unsaved Post for the item, derived fields and all; raise Unfit if it can't."""
        values = self._content(item, kind)
        slug, why = fields.adapt_slug(item.slug, values["title"], kind)
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
        post = Post(blog=self.blog, kind=kind, slug=slug, parent=parent, **values)
        post.derive()
        if kind == Post.Kind.PAGE:
            self.page_paths.add(post.path)
        else:
            self.post_slugs.add(slug)
        return post

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
