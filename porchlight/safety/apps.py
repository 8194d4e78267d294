from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "porchlight.safety"
    label = "safety"
    verbose_name = "Safety"
