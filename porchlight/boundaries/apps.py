from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "porchlight.boundaries"
    label = "boundaries"
    verbose_name = "Boundaries"

    def ready(self) -> None:
        from porchlight.boundaries_engine import enabling
        from porchlight.content import registry

        registry.register(
            "support-or-enabling check",
            files=("boundaries/enabling_check.yaml",),
            load=lambda root: enabling.load_enabling(root / "boundaries" / "enabling_check.yaml"),
        )
