from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "porchlight.core"
    label = "core"
    verbose_name = "Porchlight core"
