from django.apps import AppConfig


class UnderstandConfig(AppConfig):
    name = "porchlight.understand"
    label = "understand"
    verbose_name = "Understand the refusal"
