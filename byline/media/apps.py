from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "byline.media"
    label = "media"
    verbose_name = "Media"
