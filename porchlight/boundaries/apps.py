from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "porchlight.boundaries"
    label = "boundaries"
    verbose_name = "Boundaries"

    def ready(self) -> None:
        from porchlight.boundaries import engine as enabling  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "support-or-enabling check",
            files=("boundaries/enabling_check.yaml",),
            load=lambda root: enabling.load_enabling(root / "boundaries" / "enabling_check.yaml"),
        )
