from django.apps import AppConfig


class RehearseConfig(AppConfig):
    name = "porchlight.rehearse"
    label = "rehearse"
    verbose_name = "Rehearse a conversation"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded

        # signals: connects the receiver for members leaving, once the apps are loaded.
        from porchlight.rehearse import content, signals  # noqa: F401, PLC0415  needs the apps loaded

        registry.register(
            "rehearsal scenarios",
            files=("rehearse/*.yaml",),
            load=lambda root: content.load_content(root / "rehearse"),
            # The simulated loved one may push back against a label ("I'm not crazy").
            wording_speech=("lines", "replies"),
        )
