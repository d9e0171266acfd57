from django.apps import AppConfig


class MastodonConfig(AppConfig):
    name = "byline.accounts.providers.mastodon"
    label = "byline_mastodon"
    verbose_name = "Mastodon sign-in"
