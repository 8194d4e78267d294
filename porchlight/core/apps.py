from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "porchlight.core"
    label = "core"
    verbose_name = "Porchlight core"

    def ready(self) -> None:
        from porchlight.core import checks  # noqa: F401  (registers the content check)
