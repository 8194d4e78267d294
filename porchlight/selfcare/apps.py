from django.apps import AppConfig


class SelfCareConfig(AppConfig):
    name = "porchlight.selfcare"
    label = "selfcare"
    verbose_name = "Look after yourself"
