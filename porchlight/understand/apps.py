from pathlib import Path

from django.apps import AppConfig


class UnderstandConfig(AppConfig):
    name = "porchlight.understand"
    label = "understand"
    verbose_name = "Understand the refusal"

    def ready(self) -> None:
        from porchlight.content import library, registry  # noqa: PLC0415  registering needs the apps loaded
        from porchlight.understand import engine  # noqa: PLC0415  registering needs the apps loaded

        registry.register(
            "learn articles",
            files=("articles/*.md",),
            load=lambda root: library.load_articles(root / "articles"),
        )
        registry.register(
            "learn search words",
            files=("learn_search.yaml",),
            load=lambda root: library.load_search_words(root / "learn_search.yaml"),
            wording_skip=("words",),
        )
        registry.register(
            "understand questions and playbook",
            files=(
                "understand/questions.yaml",
                "understand/scoring.yaml",
                "understand/playbook.yaml",
            ),
            load=lambda root: engine.load_content(
                root / "understand", articles_directory=root / "articles"
            ),
        )
        registry.register(
            "demo answers",
            files=("understand/demo_answers.yaml",),
            load=_load_demo_answers,
        )


def _load_demo_answers(root: Path) -> object:
    from porchlight.understand import engine  # noqa: PLC0415  registering needs the apps loaded

    content = engine.load_content(root / "understand", articles_directory=root / "articles")
    return engine.load_demo_answers(root / "understand", content=content)
