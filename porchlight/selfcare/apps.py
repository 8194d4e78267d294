from django.apps import AppConfig


class SelfCareConfig(AppConfig):
    name = "porchlight.selfcare"
    label = "selfcare"
    verbose_name = "Look after yourself"

    def ready(self) -> None:
        from porchlight.boundaries_engine import checkin
        from porchlight.content import registry

        registry.register(
            "self-care check-in",
            files=("selfcare/checkin.yaml",),
            load=lambda root: checkin.load_checkin(root / "selfcare" / "checkin.yaml"),
        )
