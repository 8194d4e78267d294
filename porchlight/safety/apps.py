from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "porchlight.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        from porchlight.content import crisis_lines as helplines  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.content import registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.safety import emergency, guidance, plan_sections, triage  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "crisis-line directory",
            files=("helplines/[a-z][a-z].yaml",),
            load=lambda root: helplines.load_directory(root / "helplines"),
        )
        registry.register(
            "emergency numbers",
            files=("helplines/emergency_numbers.yaml",),
            load=lambda root: emergency.load_emergency_numbers(
                root / "helplines" / "emergency_numbers.yaml"
            ),
        )
        registry.register(
            "Get help now guidance",
            files=("help_guidance.yaml",),
            load=lambda root: guidance.load_guidance(root / "help_guidance.yaml"),
        )
        registry.register(
            "triage rules",
            files=("triage.yaml",),
            load=lambda root: triage.load_triage(root / "triage.yaml"),
        )
        registry.register(
            "safety plan template",
            files=("safety_plan.yaml",),
            load=lambda root: plan_sections.plan_template(root / "safety_plan.yaml"),
        )
