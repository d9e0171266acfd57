from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_schema(using, **kwargs):
    from django.db import connections

    from byline.posts.search_sqlite import ensure_schema

    ensure_schema(connections[using])


class PostsConfig(AppConfig):
    name = "byline.posts"
    label = "posts"

    def ready(self):
        post_migrate.connect(_ensure_search_schema, sender=self)
