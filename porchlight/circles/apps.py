from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "porchlight.circles"
    label = "circles"
    verbose_name = "Circles"
