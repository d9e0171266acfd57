from django.apps import AppConfig


class PortingConfig(AppConfig):
    name = "byline.porting"
    label = "porting"
    verbose_name = "Import and export"
