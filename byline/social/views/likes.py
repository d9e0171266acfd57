"""The Like button of a post and the Like link of a comment: in place with htmx, or a form post."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, router
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.blogs.models import Blog
from byline.comments import thread_html, threads
from byline.comments.models import Comment
from byline.pagecache.csrf import checked_for_signed_in_readers, token_to_answer
from byline.platform import rows
from byline.posts import protection
from byline.posts.models import SHORT_FIELDS, Post
from byline.security.ratelimits import limited
from byline.social import likes, likes_html
from byline.social.models import Like
from byline.social.views import acting

ACTIONS = ("like", "unlike")
# The post with its blog, as Post.objects.select_related("blog").defer(*LONG_TEXTS) reads it
# (without the long texts, which a like never shows: a post's are tens of kilobytes), but
# written out once: the ORM took about 0.3 ms of CPU to build that query on every like.
# The columns come from the models, so the statement follows their migrations; its one
# value, the post's id, is a parameter.
POST_FIELDS = SHORT_FIELDS
BLOG_FIELDS = list(Blog._meta.concrete_fields)
_COLUMNS = [f'"p"."{f.column}"' for f in POST_FIELDS] + [f'"b"."{f.column}"' for f in BLOG_FIELDS]
# Only the models' own column names go into the text, never anything from a request.
POST_SQL = (
    f"SELECT {', '.join(_COLUMNS)} "  # noqa: S608
    'FROM "posts_post" "p" INNER JOIN "blogs_blog" "b" ON "b"."id" = "p"."blog_id" '
    'WHERE "p"."id" = %s'
)


def readable_post(request, pk: int) -> Post:
    """Return the post if this reader may read it (and so like it), or raise a 404."""
    post = _post_with_blog(pk)
    if post is None:
        raise Http404("No such post.")
    # A public post, as nearly every liked one is (Post.is_public says what
    # Post.objects.published() selects), needs no other query: anyone may read it.
    if not post.is_public:  # perhaps private, and this reader a member of its blog
        if not Post.objects.filter(pk=pk).visible_to(request.user, post.blog).exists():
            raise Http404("No such post, or it is not yours to read.")
    if not protection.unlocked(request, post):
        raise Http404("No such post, or it is not yours to read.")
    return post


def _post_with_blog(pk: int) -> Post | None:
    """Return the post and its blog as the ORM builds them from POST_SQL's row, or None."""
    db = router.db_for_read(Post)
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(POST_SQL, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    converters = [*rows.converters(connection, POST_FIELDS, "p"),
                  *rows.converters(connection, BLOG_FIELDS, "b")]  # fmt: skip
    values = rows.convert(connection, row, converters)  # SQLite's datetimes are text
    split = len(POST_FIELDS)
    post = Post.from_db(db, _POST_NAMES, values[:split])
    # The blog, cached on the post as select_related("blog") leaves it.
    _BLOG.set_cached_value(post, Blog.from_db(db, _BLOG_NAMES, values[split:]))
    return post


_POST_NAMES = [f.attname for f in POST_FIELDS]
_BLOG_NAMES = [f.attname for f in BLOG_FIELDS]
_BLOG = Post._meta.get_field("blog")


@never_cache
@checked_for_signed_in_readers
@require_http_methods(["GET", "HEAD", "POST"])
@limited("like")  # 429 with Retry-After past ACCOUNT_RATE_LIMITS["like"]
def like_post(request, pk: int):
    post = readable_post(request, pk)

    def draw(liked: bool):
        shown = likes.of_post(post, request.user, liked=liked)
        return HttpResponse(likes_html.section(post.pk, shown, token_to_answer(request)))

    back = f"{post.get_absolute_url()}#likes"
    return _like(request, back, f"Like “{post.title}”?", draw, post=post)


@never_cache
@checked_for_signed_in_readers
@require_http_methods(["GET", "HEAD", "POST"])
@limited("like")  # 429 with Retry-After past ACCOUNT_RATE_LIMITS["like"]
def like_comment(request, pk: int):
    comment = Comment.objects.filter(pk=pk, status=Comment.Status.APPROVED).first()
    if comment is None:
        raise Http404("No such comment.")
    comment.post = post = readable_post(request, comment.post_id)

    def draw(_liked: bool):
        count, liked = likes.of_comments(post.pk, request.user).of(comment.pk)
        return HttpResponse(thread_html.comment_like(comment.pk, comment.author_name, count,
                                                     liked, token_to_answer(request)))  # fmt: skip

    question = f"Like {comment.author_name}’s comment?"
    return _like(request, _comment_address(comment), question, draw, comment=comment)


def _like(request, back: str, question: str, draw: Callable[[bool], HttpResponse], **target):
    """Do what the reader asked of the post or comment; answer as their browser expects.

    `draw(liked)` makes the htmx answer; `liked` says whether the reader likes it now.
    """
    if not request.user.is_authenticated:
        return acting.sign_in_first(request) if request.method == "POST" else _see_other(back)
    if request.method == "POST":
        action = request.POST.get("action", "like")
        if action not in ACTIONS:
            context = {"message": "Send action=like or action=unlike."}
            return render(request, "social/bad_request.html", context, status=400)
        (Like.add if action == "like" else Like.remove)(request.user, **target)
    elif acting.asked_before_signing_in(request):
        action = "like"
        Like.add(request.user, **target)
    else:
        return acting.confirm(request, question=question, button="Like", action=request.path,
                              back=back)  # fmt: skip
    return draw(action == "like") if acting.is_htmx(request) else _see_other(back)


def _comment_address(comment: Comment) -> str:
    url = comment.post.get_absolute_url()
    page = threads.page_of(comment)
    if page > 1:
        url += f"comment-page-{page}/"
    return f"{url}#comment-{comment.pk}"


def _see_other(url: str) -> HttpResponse:
    response = redirect(url)
    response.status_code = 303  # after a POST, the browser GETs the page again
    return response
