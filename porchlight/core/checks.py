"""Content is validated when Porchlight starts, not when a user first opens a page.

Runs with every management command (`porchlight migrate`, `check`, `serve` via
`make run`), so a broken article, rule or crisis line stops start-up with a
message that names the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.checks import Error, register

CheckLoader = tuple[str, Callable[[], Any]]


def _loaders() -> list[CheckLoader]:
    from porchlight.circles.sections import load_sections
    from porchlight.language.risk import load_lexicon
    from porchlight.safety.guidance import load_guidance
    from porchlight.safety.helplines import load_directory
    from porchlight.safety.plan_sections import plan_template
    from porchlight.safety.triage import load_triage
    from porchlight.understand.engine import load_content, load_demo_answers
    from porchlight.understand.library import load_articles

    return [
        ("circle sections", load_sections),
        ("crisis-line directory", load_directory),
        ("Get help now guidance", load_guidance),
        ("triage rules", load_triage),
        ("safety plan template", plan_template),
        ("risk lexicon", load_lexicon),
        ("learn articles", load_articles),
        ("understand questions and playbook", load_content),
        ("demo answers", load_demo_answers),
    ]


@register()
def content_is_valid(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name, load in _loaders():
        try:
            load()
        except Exception as error:  # any failure to load is a start-up error
            errors.append(Error(f"The {name} could not be loaded: {error}", id="porchlight.E001"))
    return errors
