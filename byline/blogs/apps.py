from django.apps import AppConfig


class BlogsConfig(AppConfig):
    name = "byline.blogs"
    label = "blogs"

    def ready(self) -> None:
        from allauth.socialaccount.models import SocialApp
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        from byline.blogs import chrome

        # An outside sign-in provider added, changed or removed (in the admin, or a Mastodon
        # server registered on first use) changes every comment form's sign-in icons.
        post_save.connect(chrome.site_changed, sender=SocialApp, dispatch_uid="chrome-site")
        post_delete.connect(chrome.site_changed, sender=SocialApp, dispatch_uid="chrome-site")
        setting_changed.connect(chrome.forget, dispatch_uid="chrome-settings")
