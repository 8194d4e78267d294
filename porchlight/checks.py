"""Content is validated when Porchlight starts, not when a user first opens a page.

Runs with every management command (`porchlight migrate`, `check`, `serve` via
`make run`), so a broken article, rule or crisis line stops start-up with a
message that names the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from porchlight.core.encryption import configured_keys, enabled, invalid_keys

CheckLoader = tuple[str, Callable[[], Any]]


def _loaders() -> list[CheckLoader]:
    from porchlight.circles.sections import load_sections
    from porchlight.content.crisis_lines import load_directory
    from porchlight.content.library import load_articles
    from porchlight.directory.catalogue import load_directory as load_help_directory
    from porchlight.directory.catalogue import load_legal
    from porchlight.language.risk import load_lexicon
    from porchlight.rehearse.content import load_content as load_rehearsal
    from porchlight.safety.guidance import load_guidance
    from porchlight.safety.plan_sections import plan_template
    from porchlight.safety.triage import load_triage
    from porchlight.understand.engine import load_content, load_demo_answers

    return [
        ("circle sections", load_sections),
        ("crisis-line directory", load_directory),
        ("where-to-get-help directory", load_help_directory),
        ("legal-options pages", load_legal),
        ("Get help now guidance", load_guidance),
        ("triage rules", load_triage),
        ("safety plan template", plan_template),
        ("risk lexicon", load_lexicon),
        ("learn articles", load_articles),
        ("understand questions and playbook", load_content),
        ("demo answers", load_demo_answers),
        ("rehearsal scenarios", load_rehearsal),
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


@register()
def encryption_keys_are_valid(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"Key {position} in PORCHLIGHT_ENCRYPTION_KEYS is not a Fernet key "
            "(32 url-safe base64 bytes); make one with `porchlight generate_encryption_key`.",
            id="porchlight.E002",
        )
        for position in invalid_keys(configured_keys())
    ]


@register(Tags.security, deploy=True)
def hosted_text_is_encrypted(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    return encryption_warnings(settings.DATABASES["default"]["ENGINE"], enabled())


def encryption_warnings(engine: str, keys_set: bool) -> list[Warning]:
    """Hosting on PostgreSQL (many families) without keys leaves their words readable."""
    if engine == "django.db.backends.postgresql" and not keys_set:
        return [
            Warning(
                "PostgreSQL without PORCHLIGHT_ENCRYPTION_KEYS: families' journals, plans "
                "and messages are stored as plain text.",
                hint="Set PORCHLIGHT_ENCRYPTION_KEYS, then run `porchlight encrypt_text`.",
                id="porchlight.W001",
            )
        ]
    return []
