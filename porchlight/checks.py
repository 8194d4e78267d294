"""Content is validated when Porchlight starts, not when a user first opens a page.

Runs with every management command (`porchlight migrate`, `check`, `serve` via
`make run`), so a broken article, rule or crisis line stops start-up with a
message that names the file. The loaders are the content registry's
(`porchlight/content/registry.py`): every app registers the files it reads.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from porchlight.content import registry
from porchlight.core.encryption import configured_keys, enabled, invalid_keys


@register()
def content_is_valid(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Every loader in the content registry (each app registers its own in ``ready()``)."""
    return [Error(problem, id="porchlight.E001") for problem in registry.problems()]


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
