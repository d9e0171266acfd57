from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from byline.platform import views
from byline.posts.sitemaps import BlogSitemap, PostSitemap

SITEMAPS = {"blogs": BlogSitemap, "posts": PostSitemap}

app_name = "platform"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
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
