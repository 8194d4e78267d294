from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "porchlight.team"
    label = "team"
    verbose_name = "Family team plan"

    def ready(self) -> None:
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.team import engine  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "family team plan",
            files=("team/team_plan.yaml",),
            load=lambda root: engine.load_team(root / "team" / "team_plan.yaml"),
        )
