from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "porchlight.boundaries"
    label = "boundaries"
    verbose_name = "Boundaries"
