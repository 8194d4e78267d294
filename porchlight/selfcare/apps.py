from django.apps import AppConfig


class SelfCareConfig(AppConfig):
    name = "porchlight.selfcare"
    label = "selfcare"
    verbose_name = "Look after yourself"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.selfcare import engine as checkin  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "self-care check-in",
            files=("selfcare/checkin.yaml",),
            load=lambda root: checkin.load_checkin(root / "selfcare" / "checkin.yaml"),
        )
