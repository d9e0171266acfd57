"""Likes, follows, notifications, notification email choices, and daily view counts.

Counts are never stored where two requests could race on them: a post's likes are
counted from the Like rows, and one like per reader per post (or comment) is the
database's own unique constraint, so the shown count is exact however many readers press
the button at once. Every row here hangs off its post, comment, blog and users with
CASCADE, so deleting any of them deletes its likes, follows and notifications too.
"""

from __future__ import annotations

import datetime
from contextlib import nullcontext

from django.conf import settings
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import F, Q
from django.utils import timezone

from byline.blogs.models import Blog
from byline.comments.models import Comment
from byline.pagecache import discussion_changed
from byline.posts.models import Post


class Like(models.Model):
    """One reader's like of a post, or of a comment (exactly one of the two)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="likes")  # fmt: skip
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="likes")  # fmt: skip
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="likes")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # NULLs are distinct in a unique constraint, so a comment's like (post NULL)
            # never collides with a post's like, and the reverse.
            models.UniqueConstraint(fields=["user", "post"], name="one_like_per_user_and_post"),
            models.UniqueConstraint(
                fields=["user", "comment"], name="one_like_per_user_and_comment"
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True)
                | Q(post__isnull=True, comment__isnull=False),
                name="a_like_is_of_a_post_or_of_a_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "created_at"]),
            models.Index(fields=["comment", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} likes {self.post or self.comment}"

    @classmethod
    def add(cls, user, *, post: Post | None = None, comment: Comment | None = None) -> bool:
        """Like the post or comment (once, however often asked); return whether it is new.

        The writer of what was liked is told (social/notifications.py) in the same commit.
        """
        from byline.social import notifications

        target = post if post is not None else comment.post
        like = cls(user=user, post=post, comment=comment, created_at=timezone.now())
        recipient_id = notifications.recipient_of(like)
        db = router.db_for_write(cls)
        connection = connections[db]
        values = [user.pk, post.pk if post is not None else None,
                  comment.pk if comment is not None else None,
                  connection.ops.adapt_datetimefield_value(like.created_at)]  # fmt: skip
        if recipient_id is not None:
            told = notifications.like_values(like, recipient_id, connection)
        # The email that tells of it, when none waits that will (once a burst of likes),
        # is queued in the same transaction: the like, its notification and its email
        # together or not at all.
        email_due = recipient_id is not None and not notifications.email_waits(recipient_id)
        one_statement = connection.vendor == "postgresql"
        stored = False
        try:
            # One transaction, no savepoint: when another request stored the same like a
            # moment ago, the unique constraint refuses this one, and there is nothing
            # else to keep. On PostgreSQL, with no email to queue, no transaction at all.
            needs_transaction = email_due or not one_statement
            with transaction.atomic(using=db) if needs_transaction else nullcontext(), \
                    connection.cursor() as cursor:  # fmt: skip
                if one_statement:
                    # The like, and its notification made from the like's new id, in one
                    # round trip. A like stored a moment ago by another request is no
                    # error but no row, and then nobody is told again.
                    sql, params = (ADD_SQL_PG, values) if recipient_id is None \
                        else (ADD_AND_TELL_SQL_PG, values + told)  # fmt: skip
                    cursor.execute(sql, params)
                    if cursor.fetchone() is None:
                        return False
                else:
                    cursor.execute(ADD_SQL, values)
                    like.pk = cursor.fetchone()[0]
                    stored = True
                    if recipient_id is not None:
                        cursor.execute(NOTIFICATION_SQL, [*told, like.pk])
                if email_due:
                    notifications.queue_email(recipient_id)
        except IntegrityError:
            if stored:
                raise  # not the like's own constraint: a real error
            return False
        discussion_changed(target.blog.slug)  # the count and the faces under the post
        return True

    @classmethod
    def remove(cls, user, *, post: Post | None = None, comment: Comment | None = None) -> bool:
        """Take the like back (its notification goes with it); return whether there was one."""
        target = post if post is not None else comment.post
        column, values = ("post_id", [user.pk, post.pk]) if post is not None \
            else ("comment_id", [user.pk, comment.pk])  # fmt: skip
        db = router.db_for_write(cls)
        connection = connections[db]
        if connection.vendor == "postgresql":
            # One statement: the like and its notification, by the like's id (no BEGIN, no
            # COMMIT). A like stored meanwhile by another request, with its notification,
            # is either seen whole or not at all.
            with connection.cursor() as cursor:
                cursor.execute(REMOVE_SQL_PG[column], values)
                deleted = cursor.fetchone()[0]
        else:
            # The id, then two DELETEs by it, not QuerySet.delete(): its collector reads
            # whole rows into Like models and walks its cascade machinery for the same three
            # statements. A Notification is the only row that points at a Like, nothing
            # points at one, and neither has delete signals (test_unlike_deletes_by_id.py
            # checks all three), so the same rows go. The id is read first, as the collector
            # does, so a like stored meanwhile by another request, with its notification, is
            # never half deleted; the unique constraints leave at most one like per reader
            # and target.
            with connection.cursor() as cursor:
                cursor.execute(MINE_SQL[column], values)
                row = cursor.fetchone()
            if row is None:
                return False
            with transaction.atomic(using=db), connection.cursor() as cursor:
                cursor.execute(DELETE_NOTIFICATIONS_SQL, row)
                cursor.execute(DELETE_SQL, row)
                deleted = cursor.rowcount
        if deleted:
            discussion_changed(target.blog.slug)
        return bool(deleted)


# Like.add's and Like.remove's statements, written out: Django took about 0.3 ms of CPU to
# build each (an INSERT through Model.save, a filtered SELECT, a DELETE by id) on every
# like and unlike, several times what the database takes to run it. Fixed texts whose
# values are all parameters. (RETURNING needs SQLite 3.35, as byline.porting does.)
ADD_SQL = (
    'INSERT INTO "social_like" ("user_id", "post_id", "comment_id", "created_at") '
    'VALUES (%s, %s, %s, %s) RETURNING "id"'
)
MINE_SQL = {
    column: f'SELECT "id" FROM "social_like" WHERE "user_id" = %s AND "{column}" = %s'  # noqa: S608
    for column in ("post_id", "comment_id")
}
DELETE_NOTIFICATIONS_SQL = 'DELETE FROM "social_notification" WHERE "like_id" = %s'
DELETE_SQL = 'DELETE FROM "social_like" WHERE "id" = %s'
# A like's notification, or a new comment's (social/notifications.py), written out as the
# like is: Model.save took about 0.3 ms of CPU to build this INSERT on every like. The like's
# id comes last (None for a comment's).
NOTIFICATION_COLUMNS = (
    '"recipient_id", "kind", "actor_id", "blog_id", "post_id", "comment_id", '
    '"created_at", "like_id"'
)
NOTIFICATION_SQL = (
    f'INSERT INTO "social_notification" ({NOTIFICATION_COLUMNS}) '  # noqa: S608 - a fixed text
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
# PostgreSQL's, each one statement where SQLite's are two or three in a transaction: a like
# and its notification are a round trip to the database each, and so are BEGIN and COMMIT
# (SQLite has no data-modifying WITH, and its statements cost no round trip). ON CONFLICT
# DO NOTHING: the like's unique constraints are the only ones a new row can meet.
ADD_SQL_PG = ADD_SQL.replace(" RETURNING", " ON CONFLICT DO NOTHING RETURNING")
ADD_AND_TELL_SQL_PG = (
    f'WITH "l" AS ({ADD_SQL_PG}) '  # noqa: S608 - fixed texts
    f'INSERT INTO "social_notification" ({NOTIFICATION_COLUMNS}) '
    'SELECT %s, %s, %s, %s, %s, %s, %s, "l"."id" FROM "l" RETURNING "like_id"'
)
REMOVE_SQL_PG = {
    column: (
        'WITH "gone" AS (DELETE FROM "social_like" '  # noqa: S608 - fixed texts
        f'WHERE "user_id" = %s AND "{column}" = %s RETURNING "id"), '
        '"told" AS (DELETE FROM "social_notification" '
        'WHERE "like_id" IN (SELECT "id" FROM "gone")) '
        'SELECT COUNT(*) FROM "gone"'
    )
    for column in ("post_id", "comment_id")
}


class Follow(models.Model):
    """A signed-in reader following a blog: its posts fill their Reader."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")  # fmt: skip
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "blog"], name="one_follow_per_user_and_blog")
        ]
        indexes = [models.Index(fields=["blog", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} follows {self.blog}"


class NotificationQuerySet(models.QuerySet):
    def current(self) -> NotificationQuerySet:
        """Return the notifications still worth showing: their comment is public."""
        return self.filter(Q(comment__isnull=True) | Q(comment__status=Comment.Status.APPROVED))

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_listing(self) -> NotificationQuerySet:
        """Return the rows with everything the list shows, in one query."""
        return self.select_related("actor", "blog", "post__blog", "comment__post__blog")

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """Something that happened to a writer's post or a commenter's comment, for them to see."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "New comments on my posts"
        REPLY = "reply", "Replies to my comments"
        LIKE = "like", "Likes on my posts and comments"
        FOLLOW = "follow", "New followers of my blogs"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")  # fmt: skip
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Who did it; none for a guest's comment (the comment carries the guest's name).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")  # fmt: skip
    # What it is about: the blog, and the post and comment where there is one; the like
    # or follow it tells of, so taking a like back takes its notification too.
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")  # fmt: skip
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")  # fmt: skip
    like = models.ForeignKey(Like, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")  # fmt: skip
    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when `byline worker` took it for an email (or decided it needs none).
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A comment is told once to each person, as a reply or as a comment on their post.
            models.UniqueConstraint(
                fields=["recipient", "comment"],
                condition=Q(kind__in=["comment", "reply"]),
                name="one_notification_per_comment_and_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}"

    @property
    def actor_name(self) -> str:
        if self.actor_id:
            return self.actor.public_name
        return self.comment.author_name if self.comment_id else "Someone"

    def get_absolute_url(self) -> str:
        if self.comment_id:
            return self.comment.get_absolute_url()
        if self.post_id:
            return f"{self.post.get_absolute_url()}#likes"
        return self.blog.get_absolute_url()


class EmailChoices(models.Model):
    """Which notifications a person also gets by email (all of them, unless they say so).

    New comments on one's posts are emailed by byline.subscriptions (one email per
    comment, with its own per-blog opt-out), so that choice lives there: see
    preferences.py, which shows all four kinds as one form.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="notification_emails")  # fmt: skip
    reply = models.BooleanField("Replies to my comments", default=True)
    like = models.BooleanField("Likes on my posts and comments", default=True)
    follow = models.BooleanField("New followers of my blogs", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "notification email choices"

    def __str__(self) -> str:
        return f"Notification emails of {self.user}"

    @classmethod
    def of(cls, user) -> EmailChoices:
        """Return the person's choices, or the defaults when they never changed them."""
        try:
            return user.notification_emails
        except cls.DoesNotExist:
            return cls(user=user)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind, False))


class PostView(models.Model):
    """How many times a post was read on one day (in the blog's time zone), and from where.

    Counted by the server as it answers the page (stats.py), with no cookie and no
    outside service; robots are left out by their user agent.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # The host of the outside page that linked here, or "" (typed in, bookmarked, or
    # followed from the blog itself).
    referrer = models.CharField(max_length=255, blank=True, default="")
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "day", "referrer"], name="one_view_count_per_post_day_and_referrer"
            )  # fmt: skip
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.views} views of post {self.post_id} on {self.day}"

    @classmethod
    def count(cls, post_id: int, day: datetime.date, referrer: str = "", views: int = 1) -> None:
        """Add views (one, or a batch); concurrent adds to a row all count (atomic UPDATE)."""
        rows = cls.objects.filter(post_id=post_id, day=day, referrer=referrer)
        if rows.update(views=F("views") + views):
            return
        try:
            with transaction.atomic():
                cls.objects.create(post_id=post_id, day=day, referrer=referrer, views=views)
        except IntegrityError:
            rows.update(views=F("views") + views)  # another request made the row first
