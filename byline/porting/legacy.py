"""Old links of an imported WordPress blog keep working: they redirect, permanently.

Two kinds of old link reach a blog:
- WordPress's plain links, /<blog>/?p=123, ?page_id=123, ?attachment_id=123 and ?cat=12,
  name an object by its WordPress ID: they redirect before the blog's home page is drawn.
- Pretty permalinks (/<blog>/2015/01/27/slug/, /<blog>/about/team/, /<blog>/category/x/)
  mostly match Byline's own addresses already. When one does not (another permalink
  structure, a slug Byline had to change), the blog answers 404, and this middleware looks
  the path up among the old addresses the import recorded before the 404 goes out.
"""

from __future__ import annotations

import re

from django.http import HttpResponsePermanentRedirect

from byline.porting.models import Origin
from byline.posts import old_links

Kind = Origin.Kind
QUERY_KINDS = {
    "p": (Kind.POST, Kind.ATTACHMENT),
    "page_id": (Kind.POST,),
    "attachment_id": (Kind.ATTACHMENT,),
    "cat": (Kind.CATEGORY,),
}
_BLOG_HOME = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)/$")
_BLOG_PATH = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)/(.+?)/?$")


def target_url(origin: Origin) -> str | None:
    """Return the Byline address of what an origin names, or None if it is gone."""
    from byline.media.models import MediaItem
    from byline.posts.models import Category, Post, Tag

    model = {
        Kind.POST: Post, Kind.ATTACHMENT: MediaItem, Kind.CATEGORY: Category, Kind.TAG: Tag,
    }.get(origin.kind)  # fmt: skip
    if model is None:
        return None
    found = model.objects.filter(pk=origin.object_id).select_related("blog").first()
    if found is None:
        return None
    return found.url if model is MediaItem else found.get_absolute_url()


def find(blog_slug: str, *, kinds=(), key: str = "", old_path: str = "") -> str | None:
    """Return where an old link of this blog goes now, by WordPress ID or by old path."""
    origins = Origin.objects.filter(blog__slug=blog_slug)
    if old_path:
        origins = origins.filter(old_path=old_path)
    else:
        origins = origins.filter(kind__in=kinds, key=key)
    # The most recent import wins when two imported sites used the same ID.
    for origin in origins.order_by("-id")[:3]:
        url = target_url(origin)
        if url:
            return url
    return None


class LegacyLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            redirect = self._by_id(request)
            if redirect:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return self._by_path(request) or response
        return response

    def _by_id(self, request):
        if not request.GET:
            return None
        match = _BLOG_HOME.match(request.path_info)
        if not match:
            return None
        for parameter, kinds in QUERY_KINDS.items():
            value = request.GET.get(parameter, "")
            if value.isdigit():
                url = find(match.group(1), kinds=kinds, key=value)
                if url:
                    return HttpResponsePermanentRedirect(url)
        return None

    def _by_path(self, request):
        match = _BLOG_PATH.match(request.path_info)
        if not match:
            return None
        url = find(match.group(1), old_path=match.group(2)[:1000])
        # A post's own earlier addresses, after its slug or date changed (issue #6).
        url = url or old_links.find(match.group(1), match.group(2))
        if url and url.rstrip("/") != request.path.rstrip("/"):
            return HttpResponsePermanentRedirect(url)
        return None
