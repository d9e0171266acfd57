"""A blog's public pages. Each view finds the blog, asks a QuerySet, and renders."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from byline.accounts.models import User
from byline.blogs import chrome
from byline.blogs.models import Blog
from byline.comments import target as comment_target
from byline.comments import views as comment_views
from byline.pagecache.csrf import checked_for_signed_in_readers
from byline.posts import protection, shown
from byline.posts.models import LONG_TEXTS, Category, Post, Tag
from byline.social import stats

_PAGE_SUFFIX = re.compile(r"page/[0-9]+/$")


def _listing(
    request, blog: Blog, posts, *, heading: str = "", page: int = 1, allow_empty=True, **extra
):
    """Render one page of a list of posts, or 404 past its last page (or when empty, if told)."""
    paginator = Paginator(
        posts.for_listing(blog), max(1, blog.posts_per_page), allow_empty_first_page=allow_empty
    )
    try:
        page_obj = paginator.page(page)
    except InvalidPage:
        raise Http404("No such page.") from None
    context = {
        "blog": blog,
        "page_obj": page_obj,
        "heading": heading,
        "listing_base": _PAGE_SUFFIX.sub("", request.path),
        **extra,
    }
    return render(request, "posts/list.html", context)


def _readable(request, blog: Blog):
    return Post.objects.for_blog(blog).visible_to(request.user, blog)


def home(request, blog: str, page: int = 1):
    blog = Blog.find_for_request(request, blog)
    if "s" in request.GET:
        return search(request, blog, page)
    posts = _readable(request, blog).posts().order_by("-sticky", "-published_at", "-id")
    return _listing(request, blog, posts, page=page, is_home=True)


def search(request, blog: Blog, page: int):
    words = request.GET.get("s", "")[:200]
    posts = _readable(request, blog).search(words)
    heading = f"Search results for “{words}”" if words.strip() else "Search"
    return _listing(request, blog, posts, heading=heading, page=page, search_words=words)


def date_archive(
    request, blog: str, year: int, month: int | None = None, day: int | None = None, page: int = 1
):
    blog = Blog.find_for_request(request, blog)
    try:
        # None, not 0, stands for "no month": /2026/00/ is a bad date, not the year archive.
        first = datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise Http404("No such date.") from None
    posts = _readable(request, blog).posts().filter(pub_date__year=year)
    heading = f"Year: {year}"
    if month is not None:
        posts = posts.filter(pub_date__month=month)
        heading = f"Month: {first:%B %Y}"
    if day is not None:
        posts = posts.filter(pub_date__day=day)
        heading = f"Day: {first:%B} {day}, {year}"
    # A date with nothing published is an unknown address, as in WordPress.
    return _listing(
        request, blog, posts.newest_first(), heading=heading, page=page, allow_empty=False
    )


def category(request, blog: str, category: str, page: int = 1):
    blog = Blog.find_for_request(request, blog)
    found = get_object_or_404(Category, blog=blog, slug=category.rstrip("/").split("/")[-1])
    if found.path != category.strip("/"):
        return redirect(found.get_absolute_url(), permanent=True)
    # A category's archive also lists its subcategories' posts, as in WordPress.
    family = Category.objects.filter(blog=blog).filter(
        Q(path=found.path) | Q(path__startswith=f"{found.path}/")
    )
    posts = _readable(request, blog).posts().filter(categories__in=family).distinct()
    return _listing(
        request, blog, posts.newest_first(), heading=f"Category: {found.name}",
        page=page, feed_of=found,
    )  # fmt: skip


def tag(request, blog: str, tag: str, page: int = 1):
    blog = Blog.find_for_request(request, blog)
    found = get_object_or_404(Tag, blog=blog, slug=tag)
    posts = _readable(request, blog).posts().filter(tags=found)
    return _listing(
        request, blog, posts.newest_first(), heading=f"Tag: {found.name}", page=page,
        feed_of=found,
    )  # fmt: skip


def author(request, blog: str, username: str, page: int = 1):
    blog = Blog.find_for_request(request, blog)
    person = get_object_or_404(User, username=username)
    posts = _readable(request, blog).posts().filter(author=person)
    if not posts.exists():
        raise Http404("No posts by that author here.")
    return _listing(
        request, blog, posts.newest_first(), heading=f"Author: {person.public_name}",
        page=page, author=person,
    )  # fmt: skip


@checked_for_signed_in_readers  # a guest's comment comes from a cached page, without a token
def post(request, blog: str, year: int, month: int, day: int, slug: str, cpage: int = 0):
    found = _writing(request, blog, Post.Kind.POST, slug=slug)
    blog = found.blog
    # Compare dates, not request.path: on a blog's subdomain the path has no blog slug.
    if (year, month, day) != (found.pub_date.year, found.pub_date.month, found.pub_date.day):
        # Right post, wrong date (an old link, or the time zone changed): send it home.
        return redirect(found.get_absolute_url(), permanent=True)
    context = {"blog": blog, "post": found}
    response = _with_discussion(request, found, cpage, context, neighbours=True)
    stats.mark_view(response, found)  # counted by social.stats.ViewCounter, cached or not
    return response


def _writing(request, blog: str, kind: str, **where) -> Post:
    """Return the post or page asked for (slug= or path=), its .blog set, or raise a 404."""
    found = _guest_comment_target(request, blog, kind, **where)
    if found is not None:
        return found
    blog = Blog.find_for_request(request, blog)
    if request.method != "POST":  # drawn: with its author, featured image and terms
        return shown.find(request, blog, kind, **where)
    readable = _readable(request, blog)
    writings = readable.posts() if kind == Post.Kind.POST else readable.pages()
    # Without its long texts, and not the author: a comment is answered with a redirect.
    found = get_object_or_404(writings.defer(*LONG_TEXTS), **where)
    found.blog = blog  # the request's Blog, with its discussion settings: no second copy
    return found


def _guest_comment_target(request, blog: str, kind: str, **where) -> Post | None:
    """Return the post a guest's comment goes to, with its blog, read in one query; or None.

    Only for a guest's POST (comments/target.py): pages drawn, and signed-in readers, who
    may see private posts, are read the usual way, as is what is not found (a 404).
    """
    if request.method != "POST" or request.user.is_authenticated:
        return None
    found = comment_target.find_for_guest(blog, kind, **where)
    if found is None:
        return None
    request.blog = found.blog  # as Blog.find_for_request leaves it, for what reads it later
    return found


@dataclass(frozen=True)
class Neighbour:
    title: str
    url: str


def _neighbours(request, blog: Blog, found: Post) -> dict:
    """Return the posts before and after this one, for the links under it.

    What readers who are not members see is kept until the blog changes (blogs/chrome.py):
    two queries less on most post pages. Members also see private posts, so theirs is read.
    """
    if blog.is_member(request.user):
        return _read_neighbours(request, blog, found)
    return chrome.remembered(
        blog, ("neighbours", found.pk), lambda: _read_neighbours(request, blog, found)
    )


def _read_neighbours(request, blog: Blog, found: Post) -> dict:
    siblings = _readable(request, blog).posts().only("title", "slug", "path", "blog")
    previous = (
        siblings.filter(Q(published_at__lt=found.published_at)
                        | Q(published_at=found.published_at, id__lt=found.id))
        .order_by("-published_at", "-id").first()
    )  # fmt: skip
    following = (
        siblings.filter(Q(published_at__gt=found.published_at)
                        | Q(published_at=found.published_at, id__gt=found.id))
        .order_by("published_at", "id").first()
    )  # fmt: skip
    links = {"previous": None, "next": None}
    for name, neighbour in (("previous", previous), ("next", following)):
        if neighbour:
            neighbour.blog = blog  # its address needs the blog's slug; no query for it
            links[name] = Neighbour(neighbour.title, neighbour.get_absolute_url())
    return links


@checked_for_signed_in_readers
def page(request, blog: str, path: str):
    path, cpage = path.strip("/"), 0
    if match := _COMMENT_PAGE.search(path):
        path, cpage = path[: match.start()], int(match.group(1))
    found = _writing(request, blog, Post.Kind.PAGE, path=path)
    return _with_discussion(request, found, cpage, {"blog": found.blog, "post": found})


_COMMENT_PAGE = re.compile(r"/?comment-page-([0-9]+)$")


def _with_discussion(request, found: Post, cpage: int, context: dict, *, neighbours=False):
    """Render a post or page with its comments, taking a comment POSTed to its address.

    What only the page shows (the neighbours' links; for a POST, also the terms and the
    featured image, read when the template asks) is read only when the page is drawn: an
    accepted comment is answered with a redirect.
    """
    if not protection.unlocked(request, found):
        if neighbours:
            context.update(_neighbours(request, context["blog"], found))
        return protection.ask_password(request, found, context)
    form, status = None, 200
    if request.method == "POST":
        response, form, status = comment_views.receive(request, found)
        if response is not None:
            return response
    if neighbours:
        context.update(_neighbours(request, context["blog"], found))
    context.update(comment_views.discussion_context(request, found, cpage, form))
    return render(request, "posts/detail.html", context, status=status)


def robots_txt(request, blog: str):
    blog = Blog.find_for_request(request, blog)
    sitemap = request.build_absolute_uri(f"{blog.get_absolute_url()}sitemap.xml")
    return HttpResponse(
        f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", content_type="text/plain"
    )
