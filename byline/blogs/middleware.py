from __future__ import annotations

from django.conf import settings

# Platform-wide paths that stay what they are on a blog's own subdomain.
PASSTHROUGH_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/", "/dashboard/", "/avatar/",
                        "/read/", "/notifications/", "/fragments/",
                        # Load balancers probe any host they route, blogs' subdomains included.
                        "/healthz", "/readyz", "/metrics")  # fmt: skip


class BlogSubdomainMiddleware:
    """Serve <blog>.<BYLINE_ROOT_DOMAIN>/x as /<blog>/x, so one set of URLs serves both.

    Links Byline writes are /<blog>/… paths, which keep working on the subdomain
    because a path that already starts with the blog's slug is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read per request, not in __init__, so a changed setting (as in tests) takes effect.
        suffix = "." + settings.ROOT_DOMAIN if settings.ROOT_DOMAIN else None
        if suffix:
            host = request.get_host().split(":")[0].lower()
            if host.endswith(suffix):
                slug = host[: -len(suffix)]
                path = request.path_info
                if (
                    slug
                    and "." not in slug
                    and slug != "www"
                    and not path.startswith(PASSTHROUGH_PREFIXES)
                    and not (path == f"/{slug}/" or path.startswith(f"/{slug}/"))
                ):
                    request.path_info = f"/{slug}{path}"
        return self.get_response(request)
