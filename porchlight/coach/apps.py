from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "porchlight.coach"
    label = "coach"
    verbose_name = "Conversation coach"

    def ready(self) -> None:
        from porchlight.coach import reflection  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.language import patterns, suggestions  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "coach patterns",
            files=("coach/*.yaml",),
            load=lambda root: patterns.load_all(root / "coach"),
            # Word lists and patterns are what the coach looks for, never shown.
            wording_skip=("lists", "patterns", "unless"),
        )
        registry.register(
            "phrase banks",
            files=("phrases/*.yaml",),
            load=lambda root: suggestions.load_all(root / "phrases"),
            wording_skip=("match", "unusable_action"),
        )
        registry.register(
            "reflection tips",
            files=("reflect/*.yaml",),
            load=lambda root: reflection.load_tips(root / "reflect" / "tips.yaml"),
        )
