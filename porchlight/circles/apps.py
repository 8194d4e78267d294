from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "porchlight.circles"
    label = "circles"
    verbose_name = "Circles"

    def ready(self) -> None:
        from porchlight.circles import sections  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "circle sections",
            files=("sections.yaml",),
            load=lambda root: sections.load_sections(root / "sections.yaml"),
        )
