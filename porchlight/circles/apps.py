from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "porchlight.circles"
    label = "circles"
    verbose_name = "Circles"

    def ready(self) -> None:
        from porchlight.circles import demo, sections
        from porchlight.content import registry

        registry.register(
            "circle sections",
            files=("sections.yaml",),
            load=lambda root: sections.load_sections(root / "sections.yaml"),
        )
        registry.register(
            "demo circles",
            files=("demo.yaml",),
            load=lambda root: demo.read_demo(root / "demo.yaml"),
        )
