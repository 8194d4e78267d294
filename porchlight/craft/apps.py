from django.apps import AppConfig


class CraftConfig(AppConfig):
    name = "porchlight.craft"
    label = "craft"
    verbose_name = "CRAFT tools and the invitation to treatment"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.craft import engine  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "CRAFT tools and invitation plan",
            files=("craft/craft.yaml",),
            load=lambda root: engine.load_craft(root / "craft" / "craft.yaml"),
        )
