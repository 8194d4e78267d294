from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "porchlight.home"
    label = "home"
    verbose_name = "Home"
