"""The task that sends the emails of new comments, one task for a burst of them on a blog.

A comment sent through the form is stored with its emails due (Comment.mail_due), and
queues this task for its blog unless one already waits (subscriptions.notify); the task
takes every comment of the blog whose emails wait, each in one UPDATE that only one task
can win, so each comment's emails go out exactly once, however many tasks run.
"""

from __future__ import annotations

from django_tasks import task

from byline.comments.models import Comment
from byline.subscriptions import tasks as mail


@task()
def tell_of_new_comments(blog_id: int) -> int:
    """Send the emails of the blog's new comments that wait for them; return how many went."""
    waiting = (
        Comment.objects.filter(post__blog_id=blog_id).exclude(mail_due="")
        .order_by("pk").values_list("pk", "mail_due")
    )  # fmt: skip
    sent, failure = 0, None
    for pk, status in list(waiting):
        if not Comment.objects.filter(pk=pk, mail_due=status).update(mail_due=""):
            continue  # another task took it
        try:
            sent += mail.comment_posted.call(pk, status)
        except Exception as error:  # noqa: BLE001 - the other comments' mail still goes
            failure = failure or error
    if failure is not None:
        raise failure  # the task shows as failed, with the first error's traceback
    return sent
