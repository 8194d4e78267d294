from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "porchlight.demo"
    label = "demo"
    verbose_name = "Demo"
