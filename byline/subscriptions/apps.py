from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "byline.subscriptions"
    label = "subscriptions"
    verbose_name = "Email subscriptions"
