"""Comments, pingbacks and trackbacks: written in bulk, parents before replies.

A big import's comments outnumber its posts ten to one, so they never become model
instances: each is a row of values, rendered with the comments app's own render_comment
(so it looks as a comment posted here does), written with multi-row INSERT … RETURNING
level by level of its thread, and the posts' comment counts are recounted once per batch.
A comment imported before is matched by its origin; if the file now gives it another
approval state (held, approved, spam, trash), that state is brought over.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from byline.comments import rendering
from byline.comments.models import Comment
from byline.porting import fields, wxr
from byline.porting.fields import Unfit
from byline.porting.importer.meta_keys import TRASH_STATUS_META
from byline.porting.importer.rows import datetime_preparer, insert_returning_ids
from byline.porting.models import Origin
from byline.posts.models import Post

Kind = Origin.Kind
Status = Comment.Status

# The columns the importer fills, in the order of each row; the model's other columns get
# their defaults (see _row_tail).
COLUMNS = ["post", "parent", "thread", "depth", "kind", "user", "author_name", "author_email",
           "author_url", "author_ip", "content", "content_html", "status",
           "status_before_trash", "trashed_at", "created_at"]  # fmt: skip
PARENT, THREAD, DEPTH, STATUS, CREATED = 1, 2, 3, 12, 15


def _row_tail() -> tuple[list[str], tuple]:
    """Return the model's other columns and the values each new row gets there."""
    names, values = [], []
    for model_field in Comment._meta.concrete_fields:
        if model_field.primary_key or model_field.name in COLUMNS:
            continue
        if model_field.name == "content_html_rules":
            # The HTML was made by render_comment under today's rules: say so, as save() does.
            value = getattr(rendering, "RULES", "")
        else:
            value = model_field.get_default()
        names.append(model_field.name)
        values.append(model_field.get_db_prep_save(value, connection))
    return names, tuple(values)


class CommentImport:
    """The Importer's handling of the <wp:comment> elements of posts and pages."""

    def _comments(self, posts: list[tuple[int, wxr.Item]]) -> None:
        """Write the comments of these posts, parents before replies, and recount the posts."""
        waiting: list[tuple[str, str, list]] = []  # (key, parent key, row)
        known: list[tuple[str, int, str | None, int]] = []  # (key, id, state in the file, post)
        touched = set()
        self._prepare_datetime = datetime_preparer()
        for post_id, item in posts:
            post_when = None
            for record in item.comments:
                key = (record.wp_id or f"{item.wp_id}:{record.date_gmt}:{record.author}")[:300]
                if (Kind.COMMENT, key) in self.seen:
                    self.summary.add("comments", "already imported")
                    continue
                self.seen.add((Kind.COMMENT, key))
                if (Kind.COMMENT, key) in self.origins:
                    state = fields.COMMENT_STATUSES.get(record.approved.lower())
                    known.append((key, self.origins[(Kind.COMMENT, key)], state, post_id))
                    continue
                try:
                    row = self._comment_row(record, post_id)
                except Unfit as unfit:
                    self.summary.add("comments", "skipped")
                    self.summary.note(f"Skipped comment {key} on {item.label}: {unfit}.")
                    continue
                if row[CREATED] is None:
                    if post_when is None:
                        post_when = (
                            Post.objects.filter(pk=post_id)
                            .values_list("published_at", flat=True)
                            .first()
                            or timezone.now()
                        )
                    row[CREATED] = self._prepare_datetime(post_when)
                parent = record.parent if record.parent not in ("", "0") else ""
                waiting.append((key, parent, row))
                touched.add(post_id)
        touched |= self._update_comment_states(known)
        self._write_comments(waiting)
        if touched:
            approved = (
                Comment.objects.filter(post=OuterRef("pk"), status=Status.APPROVED)
                .values("post").annotate(n=Count("*")).values("n")
            )  # fmt: skip
            Post.objects.filter(pk__in=touched).update(
                comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0))
            )

    def _write_comments(self, waiting: list[tuple[str, str, list]]) -> None:
        """Insert the rows level by level of their threads, so each parent has its id first."""
        if not hasattr(self, "_comment_tail"):
            self._comment_tail = _row_tail()
        tail_names, tail = self._comment_tail
        while waiting:
            ready, later = [], []
            for key, parent, row in waiting:
                if not parent:
                    ready.append((key, row))
                    continue
                found = self._thread_of(parent)
                if found:
                    parent_id, thread_id, depth = found
                    row[PARENT], row[THREAD] = parent_id, thread_id or parent_id
                    row[DEPTH] = depth + 1
                    ready.append((key, row))
                else:
                    later.append((key, parent, row))
            if not ready:
                # Replies to comments the file does not hold: keep them, at the top level.
                for key, parent, _ in later:
                    self.summary.note(
                        f"Comment {key} replies to comment {parent}, which is not in the file; "
                        "kept as a new thread."
                    )
                ready, later = [(key, row) for key, _, row in later], []
            ids = insert_returning_ids(
                Comment, COLUMNS + tail_names, [(*row, *tail) for _, row in ready]
            )
            for (key, row), comment_id in zip(ready, ids, strict=True):
                self._remember(Kind.COMMENT, key, comment_id, state=row[STATUS])
                self.comment_threads[key] = (comment_id, row[THREAD], row[DEPTH])
            self.summary.add("comments", "imported", len(ready))
            self.comments_done += len(ready)
            waiting = later

    def _update_comment_states(self, known: list[tuple[str, int, str | None, int]]) -> set[int]:
        """Give comments imported before the approval state a newer file gives them.

        The Origin row keeps the state each comment had in the file it came from: when the
        file says the same again, a moderator's decision made here since is kept; when the
        file says otherwise, WordPress's newer word is brought over. Returns the posts whose
        comment counts may have changed.
        """
        if not known:
            return set()
        origins = Origin.objects.filter(blog=self.blog, source=self.source, kind=Kind.COMMENT)
        last = dict(origins.filter(key__in=[k for k, *_ in known]).values_list("key", "state"))
        stored = dict(
            Comment.objects.filter(pk__in=[pk for _, pk, _, _ in known]).values_list("pk", "status")
        )
        changed: dict[tuple[str, str], list[int]] = {}
        noted: dict[str, list[str]] = {}  # the file's state → keys whose origin must say so
        posts = set()
        for key, pk, state, post_id in known:
            if state is None or pk not in stored or last.get(key) == state:
                self.summary.add("comments", "already imported")
                continue
            noted.setdefault(state, []).append(key)
            if stored[pk] == state:
                self.summary.add("comments", "already imported")
                continue
            changed.setdefault((stored[pk], state), []).append(pk)
            posts.add(post_id)
        for (before, state), pks in changed.items():
            trashed = state == Status.TRASH
            Comment.objects.filter(pk__in=pks).update(
                status=state,
                status_before_trash=before if trashed else "",
                trashed_at=timezone.now() if trashed else None,
            )
            self.summary.add("comments", "updated", len(pks))
        for state, keys in noted.items():
            origins.filter(key__in=keys).update(state=state)
        return posts

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

    def _comment_row(self, record: wxr.Comment, post_id: int) -> list:
        """Return the comment's values in COLUMNS order; raise Unfit if it cannot be imported."""
        status = fields.COMMENT_STATUSES.get(record.approved.lower())
        if status is None:
            raise Unfit(f"its state “{record.approved}” is not one WordPress writes")
        created_at = fields.best_date(record.date_gmt, record.date, "", self.tz)
        before_trash = ""
        if status == Status.TRASH:
            before_trash = fields.COMMENT_STATUSES.get(
                record.meta.get(TRASH_STATUS_META, ""), Status.PENDING
            )
        user = self.authors_by_id.get(record.user_id) if record.user_id != "0" else None
        return [
            post_id,
            None,
            None,
            1,
            fields.COMMENT_KINDS.get(record.type, Comment.Kind.COMMENT),
            user.pk if user else None,
            record.author[:245] or "Anonymous",
            fields.email(record.author_email),
            fields.url(record.author_url),
            fields.ip_address(record.author_ip) or None,
            record.content,
            rendering.render_comment(record.content),
            status,
            before_trash if before_trash != Status.TRASH else "",
            self._prepare_datetime(timezone.now()) if status == Status.TRASH else None,
            self._prepare_datetime(created_at),
        ]
