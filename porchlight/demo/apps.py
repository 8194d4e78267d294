from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "porchlight.demo"
    label = "demo"
    verbose_name = "Demo"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.demo import loader  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "demo circles",
            files=("demo.yaml",),
            load=lambda root: loader.read_demo(root / "demo.yaml"),
        )
