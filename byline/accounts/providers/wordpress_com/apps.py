from django.apps import AppConfig


class WordPressComConfig(AppConfig):
    name = "byline.accounts.providers.wordpress_com"
    label = "byline_wordpress_com"
    verbose_name = "WordPress.com sign-in"
