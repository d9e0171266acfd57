"""Comments on posts and pages, and each blog's rules for them.

A comment's status moves between approved, pending, spam and trash only through
Comment.set_status(), which keeps Post.comment_count exact with an atomic F()
update, so two moderators (or two app servers) never race the count.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from byline.blogs.models import Blog
from byline.comments import rendering
from byline.pagecache import blog_changed, discussion_changed
from byline.platform import rows
from byline.posts.models import Post

TRASH_DAYS = 30


class DiscussionSettings(models.Model):
    """A blog's comment rules, with WordPress's defaults."""

    blog = models.OneToOneField(
        Blog, on_delete=models.CASCADE, primary_key=True, related_name="discussion"
    )
    comments_on_pages = models.BooleanField(
        default=False, help_text="Allow comments on pages as well as posts."
    )
    thread_depth = models.PositiveSmallIntegerField(
        default=5, help_text="How deep replies may nest; deeper replies join the deepest level."
    )
    threads_per_page = models.PositiveSmallIntegerField(
        default=50, help_text="Top-level comments per page of comments."
    )
    newest_first = models.BooleanField(default=False, help_text="Show the newest comments first.")
    hold_all = models.BooleanField(
        default=False, help_text="Hold every comment until a member approves it."
    )
    hold_first_comment = models.BooleanField(
        default=True,
        help_text="Hold a commenter's comments until one of theirs has been approved.",
    )
    hold_link_count = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a comment with more than this many links."
    )
    moderation_words = models.TextField(
        blank=True,
        help_text="Hold a comment whose text, name, email, website or IP contains any of "
        "these, one per line.",
    )
    blocked_words = models.TextField(
        blank=True,
        help_text="Send a comment to spam when its text, name, email, website or IP contains "
        "any of these, one per line.",
    )
    close_after_days = models.PositiveIntegerField(
        default=0, help_text="Close comments on posts older than this many days (0: never)."
    )
    use_gravatar = models.BooleanField(
        default=False,
        help_text="Show Gravatar pictures. This sends a hash of each commenter's email to "
        "Gravatar; off, Byline draws a pattern for each commenter itself.",
    )

    class Meta:
        verbose_name_plural = "discussion settings"

    def __str__(self) -> str:
        return f"Discussion settings of {self.blog}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        blog_changed(self.blog.slug)

    @classmethod
    def for_blog(cls, blog: Blog) -> DiscussionSettings:
        """Return the blog's settings, or the defaults when it never changed them."""
        try:
            return blog.discussion
        except cls.DoesNotExist:
            return cls(blog=blog)

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @property
    def moderation_list(self) -> list[str]:
        return self._lines(self.moderation_words)

    @property
    def blocked_list(self) -> list[str]:
        return self._lines(self.blocked_words)

    def closed_for(self, post: Post) -> bool:
        """Return whether comments are closed on this post, by its setting or its age."""
        if post.comment_status != Post.CommentStatus.OPEN:
            return True
        if post.is_page and not self.comments_on_pages:
            return True
        if self.close_after_days and post.published_at:
            age = timezone.now() - post.published_at
            return age > datetime.timedelta(days=self.close_after_days)
        return False


COUNT_ONE_MORE_SQL = "UPDATE posts_post SET comment_count = comment_count + 1 WHERE id = %s"
DUPLICATE_SQL = (
    "SELECT 1 FROM comments_comment WHERE post_id = %s"
    " AND LOWER(author_email) = LOWER(%s) AND content = %s LIMIT 1"
)

# What a reply needs of the comment it answers (CommentQuerySet.replied_to), in the order
# of Comment's fields, as from_db() takes them.
_REPLIED_TO_FIELDS = (
    "id", "post_id", "parent_id", "thread_id", "depth", "user_id", "status", "created_at",
)  # fmt: skip
_REPLIED_TO_SQL = (
    "SELECT id, post_id, parent_id, thread_id, depth, user_id, status, created_at"
    " FROM comments_comment WHERE id = %s"
)


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def for_blog(self, blog: Blog) -> CommentQuerySet:
        return self.filter(post__blog=blog)

    def expired_trash(self) -> CommentQuerySet:
        cutoff = timezone.now() - datetime.timedelta(days=TRASH_DAYS)
        return self.filter(status=Comment.Status.TRASH, trashed_at__lt=cutoff)

    def with_stale_html(self) -> CommentQuerySet:
        """The comments whose stored HTML was made under other rules than today's."""
        # `<` or `>` rather than `!=`, so both databases walk the index instead of the table.
        rules = rendering.RULES
        return self.filter(Q(content_html_rules__lt=rules) | Q(content_html_rules__gt=rules))

    def refresh_stale_html(self, batch: int = 1000) -> list[str]:
        """Render up to `batch` comments made under older rules again; say what was done.

        Each row is written only if its text is still the one rendered, so a moderator's
        edit in the meantime is never overwritten with the HTML of the old text.
        """
        done, blogs = 0, set()
        rows = self.with_stale_html().values_list(
            "pk", "content", "content_html_rules", "post__blog__slug"
        )
        for pk, content, rules, blog in rows[:batch]:
            done += Comment.objects.render_again(pk, content, rules)
            blogs.add(blog)
        if blogs:
            discussion_changed(*blogs)  # only their comments show otherwise
        return [f"{done} comments rendered again under today's HTML rules"] if done else []

    def duplicates_of(self, comment: Comment) -> CommentQuerySet:
        """The comments on the same post with the same text by the same email (or, without
        one, from the same IP address): what "Duplicate comment detected" refuses.

        An indexed lookup (post, lower(email)), not a walk through every comment of the
        post: a busy post's thousandth comment costs what its first did (issue #8).
        """
        same = self.filter(post_id=comment.post_id, content=comment.content)
        if not comment.author_email:
            return same.filter(author_ip=comment.author_ip)
        # LOWER() on both sides, so each database folds case its own way, as the index does.
        return same.alias(email_key=Lower("author_email")).filter(
            email_key=Lower(Value(comment.author_email))
        )

    def has_duplicate(self, comment: Comment) -> bool:
        """Return duplicates_of(comment).exists(), for the comment POST.

        With an email, the statement is written out: the ORM took 0.2 ms of CPU to build
        it, four times what the database takes to answer (issue #8). Same columns, same
        LOWER() on both sides, so the same index (comments_post_lower_email) answers it.
        """
        if not comment.author_email:
            return self.duplicates_of(comment).exists()
        with connections[self.db].cursor() as cursor:
            cursor.execute(DUPLICATE_SQL, [comment.post_id, comment.author_email, comment.content])
            return cursor.fetchone() is not None

    def replied_to(self, pk: int) -> Comment | None:
        """Return the comment a reply names as its parent, with what a reply needs of it.

        Written out, for the comment POST (issue #8): its thread, depth, status, writer and
        time, which the form, the reply's place and its notifications read; the rest of the
        row is read only if asked for.
        """
        if not 0 < pk < 2**63:
            return None  # no such id in either database (nor one they could be sent)
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(_REPLIED_TO_SQL, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        fields = [Comment._meta.get_field(name) for name in _REPLIED_TO_FIELDS]
        values = rows.convert(connection, row, rows.converters(connection, fields, "c"))
        return Comment.from_db(self.db, _REPLIED_TO_FIELDS, values)

    def render_again(self, pk: int, content: str, rules: str) -> int:
        """Store the HTML of `content` in the row if it still holds that text under `rules`."""
        return self.filter(pk=pk, content=content, content_html_rules=rules).update(
            content_html=rendering.render_comment(content), content_html_rules=rendering.RULES
        )


class Comment(models.Model):
    """A reader's comment (or an imported pingback or trackback) on a post or page."""

    class Status(models.TextChoices):
        APPROVED = "approved", "Approved"
        PENDING = "pending", "Pending"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        PINGBACK = "pingback", "Pingback"
        TRACKBACK = "trackback", "Trackback"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # The top-level comment of this one's thread (null for a top-level comment), stored so
    # one query fetches whole threads for a page of comments.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField("name", max_length=245)
    author_email = models.EmailField("email", max_length=254, blank=True)
    author_url = models.URLField("website", max_length=500, blank=True)
    author_ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    content = models.TextField(help_text="As the commenter typed it.")
    content_html = models.TextField(editable=False, default="")
    # rendering.RULES when content_html was made; "" (never trusted as it is) for a row
    # written around save(). See Comment.safe_html.
    content_html_rules = models.CharField(max_length=16, editable=False, blank=True, default="")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_before_trash = models.CharField(max_length=10, choices=Status.choices, blank=True)
    trashed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The emails of a comment sent through the form wait for a task that tells of a burst of
    # comments at once (byline.comments.tasks): until it takes them, this holds the status
    # the comment was posted with; then "". Written by the INSERT and by that task alone.
    mail_due = models.CharField(max_length=10, blank=True, default="", editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["post", "status", "parent", "created_at"]),
            models.Index(fields=["post", "status", "thread"]),
            models.Index(fields=["content_html_rules"]),
            # The duplicate check (duplicates_of): one person's comments on a post.
            models.Index(F("post"), Lower("author_email"), name="comments_post_lower_email"),
            # The comments whose emails wait: a handful at any time, among millions.
            models.Index(fields=["mail_due"], condition=~Q(mail_due=""), name="comments_mail_due"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.post}"

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_by_post_author(self) -> bool:
        return self.user_id is not None and self.user_id == self.post.author_id

    @property
    def safe_html(self) -> SafeString:
        """The comment's HTML for a page: as stored if made under today's rules, else cleaned."""
        if self.content_html_rules == rendering.RULES:
            return mark_safe(self.content_html)  # noqa: S308 - nh3 output of today's rules
        return mark_safe(rendering.sanitize(self.content_html))  # noqa: S308 - nh3 output

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding and kwargs.get("update_fields") is None:
            # Not mail_due: a moderator's edit must not bring back what the task took.
            kwargs["update_fields"] = _SAVED_AGAIN - self.get_deferred_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "content" in update_fields:
            self.content_html = rendering.render_comment(self.content)
            self.content_html_rules = rendering.RULES
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "content_html", "content_html_rules"}
        if self.parent_id and self._state.adding:
            self.thread_id = self.parent.thread_id or self.parent_id
            self.depth = self.parent.depth + 1
        adding = self._state.adding
        # No savepoint inside a caller's transaction (posting.submit): on an error the whole
        # of it is rolled back anyway, and a savepoint costs two statements.
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            if adding and self.status == self.Status.APPROVED:
                # Written out: the ORM's F() update cost 0.13 ms of CPU to build (issue #8).
                with connections[router.db_for_write(Post)].cursor() as cursor:
                    cursor.execute(COUNT_ONE_MORE_SQL, [self.post_id])
        if self.status == self.Status.APPROVED or not adding:  # a held one shows on no page
            self._blog_changed()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if self.status == self.Status.APPROVED:
                Post.objects.filter(pk=self.post_id).update(comment_count=F("comment_count") - 1)
            deleted = super().delete(*args, **kwargs)
        self._blog_changed()
        return deleted

    def _blog_changed(self) -> None:
        discussion_changed(self.post.blog.slug)  # its post's pages; the chrome shows no comment

    def set_status(self, status: str) -> None:
        """Move the comment to a status, keeping the post's comment count exact."""
        with transaction.atomic():
            current = Comment.objects.select_for_update().only("status").get(pk=self.pk).status
            if current == status:
                self.status = status
                return
            fields = ["status", "status_before_trash", "trashed_at"]
            if status == self.Status.TRASH:
                self.status_before_trash, self.trashed_at = current, timezone.now()
            else:
                self.status_before_trash, self.trashed_at = "", None
            self.status = status
            super().save(update_fields=fields)
            self._blog_changed()
            change = (status == self.Status.APPROVED) - (current == self.Status.APPROVED)
            if change:
                Post.objects.filter(pk=self.post_id).update(
                    comment_count=F("comment_count") + change
                )
            if status == self.Status.APPROVED:
                # A held comment's subscribers hear of it now (queued; each comment once).
                from byline.subscriptions.notify import notify_comment_approved

                notify_comment_approved(self)

    def restore(self) -> None:
        """Take the comment out of the trash, back to where it was."""
        self.set_status(self.status_before_trash or self.Status.PENDING)


# What saving a stored comment writes: all but its id and mail_due (see Comment.mail_due).
_SAVED_AGAIN = frozenset(
    f.attname for f in Comment._meta.concrete_fields if f.attname not in ("id", "mail_due")
)


def commenter_has_approved_comment(blog: Blog, *, email: str = "", user=None) -> bool:
    """Return whether this commenter already has an approved comment on the blog."""
    who = Q(user=user) if user is not None and user.is_authenticated else Q()
    if email:
        who |= Q(author_email__iexact=email)
    if not who:
        return False
    return Comment.objects.for_blog(blog).approved().filter(who).exists()
