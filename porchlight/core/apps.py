from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "porchlight.core"
    label = "core"
    verbose_name = "Porchlight core"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.language import risk_rules  # noqa: PLC0415  registering needs the apps loaded

        # The risk lexicon lives in language/, which has no app: the kernel registers it.
        registry.register(
            "risk lexicon",
            files=("risk/*.yaml",),
            load=lambda root: risk_rules.load_lexicon(root / "risk"),
            # Detector patterns must match the very words the wording check bans; never shown.
            wording=False,
        )
