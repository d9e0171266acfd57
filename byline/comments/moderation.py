"""Decide what happens to a new comment under its blog's rules."""

from __future__ import annotations

from byline.comments.models import Comment, DiscussionSettings, commenter_has_approved_comment
from byline.comments.rendering import link_count


def _mentions(words: list[str], comment: Comment) -> bool:
    haystack = " ".join(
        [comment.content, comment.author_name, comment.author_email, comment.author_url,
         comment.author_ip or ""]
    ).lower()  # fmt: skip
    return any(word in haystack for word in words)


def decide(rules: DiscussionSettings, comment: Comment, user) -> tuple[str, str]:
    """Return the status a new comment gets and the reason, in WordPress's order."""
    blog = rules.blog
    if _mentions(rules.blocked_list, comment):
        return Comment.Status.SPAM, "contains a blocked word"
    if blog.is_member(user):
        return Comment.Status.APPROVED, "written by a member of the blog"
    if rules.hold_all:
        return Comment.Status.PENDING, "the blog holds every comment"
    if link_count(comment.content) > rules.hold_link_count:
        return Comment.Status.PENDING, f"more than {rules.hold_link_count} links"
    if _mentions(rules.moderation_list, comment):
        return Comment.Status.PENDING, "contains a word on the moderation list"
    if rules.hold_first_comment and not commenter_has_approved_comment(
        blog, email=comment.author_email, user=user
    ):
        return Comment.Status.PENDING, "first comment from this commenter"
    return Comment.Status.APPROVED, "passes the blog's rules"
