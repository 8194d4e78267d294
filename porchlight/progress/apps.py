from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "porchlight.progress"
    label = "progress"
    verbose_name = "Progress"
