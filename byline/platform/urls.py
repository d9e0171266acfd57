from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from byline.platform import health, metrics, views
from byline.posts.sitemaps import BlogSitemap, PostSitemap

SITEMAPS = {"blogs": BlogSitemap, "posts": PostSitemap}

app_name = "platform"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    # For load balancers and Prometheus (docs/deploy.md); no trailing slash, as they expect.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.scrape, name="metrics"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "platform:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
