"""The background tasks that send Byline's email, run by `byline worker`.

Tasks take ids, never objects, and look again at what they find: by the time a task
runs, a comment may have been moderated, a post unpublished or a reader unsubscribed.
Mail to many readers is split into tasks of BATCH_SIZE recipients, so one popular
blog never makes one giant task, and several workers share the sending.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.posts.models import Post
from byline.subscriptions import emails
from byline.subscriptions.models import Announcement, CommentNotice, OptOut, Subscription

BATCH_SIZE = 100


def _batches(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]


def _comment(comment_id: int) -> Comment | None:
    return (
        Comment.objects.select_related("post__blog", "post__author", "user")
        .filter(pk=comment_id)
        .first()
    )


@task()
def send_confirmation(subscription_ids: list[int]) -> int:
    """Ask a guest to confirm the subscriptions they ticked (one email for all of them)."""
    Subscription.objects.expired().delete()  # forget the requests nobody confirmed
    waiting = list(
        Subscription.objects.filter(pk__in=subscription_ids, confirmed_at__isnull=True)
        .select_related("blog", "post")
        .order_by("kind")
    )
    if not waiting:
        return 0
    return emails.deliver([emails.confirmation(waiting)])


@task()
def comment_posted(comment_id: int, status: str) -> int:
    """Tell the blog's people of a new comment: who moderates it if held, else the post's author.

    `status` is the comment's status when it was posted: a held comment that was
    moderated before this task ran needs nobody's attention any more.
    """
    comment = _comment(comment_id)
    if comment is None or comment.status != status:
        return 0
    post, blog = comment.post, comment.post.blog
    if status == Comment.Status.PENDING:
        waiting = Comment.objects.for_blog(blog).filter(status=Comment.Status.PENDING).count()
        messages = [emails.held_comment(comment, member, waiting) for member in _moderators(post)]
        return emails.deliver(messages)
    if status != Comment.Status.APPROVED:
        return 0
    author = post.author
    sent = 0
    if (
        comment.user_id != author.pk
        and author.email
        and not OptOut.applies(author, blog, OptOut.Kind.COMMENTS_ON_OWN_POSTS)
    ):
        sent = emails.deliver([emails.comment_on_your_post(comment)])
    tell_comment_subscribers.call(comment_id)
    return sent


def _moderators(post: Post) -> list:
    """Return who is told of a held comment: the post's author and the blog's administrators."""
    blog = post.blog
    admins = Membership.objects.filter(blog=blog, role=Membership.Role.ADMINISTRATOR)
    people = {post.author.pk: post.author, blog.owner_id: blog.owner}
    for membership in admins.select_related("user"):
        people.setdefault(membership.user_id, membership.user)
    opted_out = set(
        OptOut.objects.filter(blog=blog, kind=OptOut.Kind.HELD_COMMENTS).values_list(
            "user_id", flat=True
        )
    )
    return [p for pk, p in sorted(people.items()) if p.email and pk not in opted_out]


@task()
def tell_comment_subscribers(comment_id: int) -> int:
    """Queue the emails about an approved comment to its post's subscribers, once."""
    comment = _comment(comment_id)
    if comment is None or comment.status != Comment.Status.APPROVED:
        return 0
    _notice, created = CommentNotice.objects.get_or_create(comment=comment)
    if not created:
        return 0  # told already (approved, unapproved and approved again)
    readers = Subscription.objects.confirmed().to_comments(comment.post)
    # Not the commenter, and not the post's author, who hears of it as the author.
    readers = readers.exclude(email__iexact=comment.author_email or "-")
    readers = readers.exclude(email__iexact=comment.post.author.email or "-")
    if comment.user_id:
        readers = readers.exclude(user_id=comment.user_id)
    ids = list(readers.order_by("pk").values_list("pk", flat=True))
    for batch in _batches(ids):
        send_comment_batch.enqueue(comment_id, batch)
    CommentNotice.objects.filter(pk=comment.pk).update(recipients=len(ids))
    return len(ids)


@task()
def send_comment_batch(comment_id: int, subscription_ids: list[int]) -> int:
    comment = _comment(comment_id)
    if comment is None or comment.status != Comment.Status.APPROVED:
        return 0
    # Filtered again: whoever unsubscribed since the batch was made gets nothing.
    readers = Subscription.objects.confirmed().to_comments(comment.post)
    readers = readers.filter(pk__in=subscription_ids)
    link = emails.comment_link(comment)
    return emails.deliver([emails.new_comment(comment, reader, link) for reader in readers])


@task()
def announce_post(post_id: int) -> int:
    """Queue the emails about a newly public post to its blog's subscribers, once."""
    post = Post.objects.select_related("blog", "author").filter(pk=post_id).first()
    if post is None:
        return 0
    now = timezone.now()
    if not post.is_public:
        # Unpublished before its time came. If it was moved later instead, a newer task
        # waits for the new time; otherwise let the next publication queue a new one.
        Announcement.objects.filter(post=post, sent_at=None, due_at__lte=now).update(due_at=None)
        return 0
    claimed = Announcement.objects.filter(post=post, sent_at=None).update(sent_at=now)
    if not claimed:
        return 0
    readers = Subscription.objects.confirmed().to_posts(post.blog)
    readers = readers.exclude(Q(user_id=post.author_id) | Q(email__iexact=post.author.email or "-"))
    ids = list(readers.order_by("pk").values_list("pk", flat=True))
    for batch in _batches(ids):
        send_post_batch.enqueue(post_id, batch)
    Announcement.objects.filter(post=post).update(recipients=len(ids))
    return len(ids)


@task()
def send_post_batch(post_id: int, subscription_ids: list[int]) -> int:
    post = Post.objects.select_related("blog", "author").filter(pk=post_id).first()
    if post is None or not post.is_public:
        return 0
    readers = Subscription.objects.confirmed().to_posts(post.blog).filter(pk__in=subscription_ids)
    return emails.deliver([emails.new_post(post, reader) for reader in readers])
