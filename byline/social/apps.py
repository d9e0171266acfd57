from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "byline.social"
    label = "social"
    verbose_name = "Likes, follows and notifications"
