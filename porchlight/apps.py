from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The project shell: registers the start-up checks (checks.py), which read every floor."""

    name = "porchlight"
    label = "porchlight"
    verbose_name = "Porchlight"

    def ready(self) -> None:
        from porchlight import checks  # noqa: F401, PLC0415  registering needs the apps loaded
