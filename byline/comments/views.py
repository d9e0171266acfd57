from __future__ import annotations

from urllib.parse import quote, unquote

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from byline.accounts import drafts
from byline.comments import posting, threads
from byline.comments.avatars import identicon_svg
from byline.comments.forms import CommentForm
from byline.comments.models import Comment

REMEMBER_COOKIES = {"author": "comment_author", "email": "comment_author_email",
                    "url": "comment_author_url"}  # fmt: skip
ONE_YEAR = 365 * 24 * 3600


def comment_form(request, post, data=None) -> CommentForm:
    """Return the comment form, filled from the remember-me cookies for a returning guest."""
    form = CommentForm(data, post=post, user=request.user)
    if data is None and not request.user.is_authenticated:
        for field, cookie in REMEMBER_COOKIES.items():
            if request.COOKIES.get(cookie):
                form.initial[field] = unquote(request.COOKIES[cookie])
        form.initial["remember"] = bool(request.COOKIES.get("comment_author"))
    if data is None and request.GET.get("replytocom", "").isdigit():
        form.initial["parent"] = int(request.GET["replytocom"])
    if data is None:
        drafts.restore(request, form)  # what they typed before clicking a sign-in icon
    return form


def discussion_context(request, post, cpage: int, form: CommentForm | None) -> dict:
    """Return what the comments section of a post page needs."""
    discussion = threads.build(
        post,
        page=cpage or None,
        held_id=request.GET.get("unapproved", ""),
        held_hash=request.GET.get("moderation-hash", ""),
    )
    form = form or comment_form(request, post)
    reply_to = None
    parent_id = form["parent"].value()
    if str(parent_id or "").isdigit():
        reply_to = Comment.objects.filter(
            pk=int(parent_id), post=post, status=Comment.Status.APPROVED
        ).first()
    return {"discussion": discussion, "comment_form": form, "reply_to": reply_to}


def receive(request, post):
    """Handle a comment POSTed to a post's address: a redirect, or the form with its errors."""
    form = comment_form(request, post, request.POST)
    if not form.is_valid():
        return None, form, 400
    try:
        comment = posting.submit(form, request)
    except posting.Refused as refusal:
        form.add_error(None, str(refusal))
        return None, form, refusal.status
    return _after_posting(request, comment, form), form, 303


def _after_posting(request, comment: Comment, form: CommentForm) -> HttpResponse:
    url = comment.post.get_absolute_url()
    if comment.status == Comment.Status.APPROVED:
        page = threads.page_of(comment)
        if page > 1:
            url += f"comment-page-{page}/"
    else:
        # Like WordPress: the author alone sees the held comment, through a signed link.
        url += f"?unapproved={comment.pk}&moderation-hash={threads.held_comment_hash(comment.pk)}"
    response = redirect(f"{url}#comment-{comment.pk}")
    response.status_code = 303
    if not request.user.is_authenticated:
        if form.cleaned_data.get("remember"):
            for field, cookie in REMEMBER_COOKIES.items():
                value = form.cleaned_data.get(field) or ""
                response.set_cookie(cookie, quote(value), max_age=ONE_YEAR, samesite="Lax",
                                    httponly=True)  # fmt: skip
        else:
            for cookie in REMEMBER_COOKIES.values():
                response.delete_cookie(cookie)
    return response


@require_GET
@cache_control(public=True, max_age=ONE_YEAR, immutable=True)
def avatar(request, key: str):
    return HttpResponse(identicon_svg(key), content_type="image/svg+xml")
