from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """The platform around the blogs: home page, robots.txt, sitemaps, demo, serve."""

    name = "byline.platform"
    label = "platform"
