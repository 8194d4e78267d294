"""Free text encrypted at rest, for when Porchlight is hosted for many families.

Set ``PORCHLIGHT_ENCRYPTION_KEYS`` to one or more Fernet keys, comma-separated,
newest first (``porchlight generate_encryption_key`` prints one). Then every
field declared with :class:`EncryptedTextField` or :class:`EncryptedJSONField`
is stored as a Fernet token (AES-128-CBC with an HMAC-SHA256 tag, from the
``cryptography`` library) that starts with ``enc1:``; the app encrypts on the
way in and decrypts on the way out, so forms, templates, exports and PDFs see
plain text and the database, its backups and its replicas see only tokens.

- New values are encrypted with the first key; any listed key decrypts, so a
  key is rotated by putting a new one first and running
  ``porchlight encrypt_text`` (which also encrypts rows saved before keys were
  set), then dropping the old key.
- Without keys (a single family on a laptop) values are stored as typed, and
  rows that are already tokens raise a clear error instead of showing
  ciphertext.
- An empty text stays empty: that a field was left blank is not secret.
- The database cannot search or compare what it cannot read, so these fields
  allow only ``isnull`` lookups; anything else raises at once. Journal search
  decrypts in Python when keys are set (see ``porchlight.journal.timeline``).

Why not django-fernet-encrypted-fields: it stores an empty text as NULL (our
blank text fields are NOT NULL), turns every number in a JSON document into a
string, and silently shows ciphertext when no key fits.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import islice
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models, transaction
from django.db.models.functions import Cast

PREFIX = "enc1:"
ALLOWED_LOOKUPS = frozenset({"isnull"})


def configured_keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", ()))


def enabled() -> bool:
    return bool(configured_keys())


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


def invalid_keys(keys: tuple[str, ...]) -> list[int]:
    """Positions (1-based) of the keys that are not valid Fernet keys."""
    bad = []
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            bad.append(position)
    return bad


def is_token(stored: object) -> bool:
    return isinstance(stored, str) and stored.startswith(PREFIX)


def encrypt(text: str) -> str:
    """``text`` as stored: a token when keys are set, else unchanged."""
    keys = configured_keys()
    if not keys or not text:
        return text
    return PREFIX + _fernet(keys).encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    """The text behind a stored value; plain values (from before keys were set) pass."""
    if not is_token(stored):
        return stored
    keys = configured_keys()
    if not keys:
        raise ImproperlyConfigured(
            "The database holds encrypted text but PORCHLIGHT_ENCRYPTION_KEYS is not set."
        )
    try:
        return _fernet(keys).decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "None of the keys in PORCHLIGHT_ENCRYPTION_KEYS decrypts this text; "
            "was a key dropped before `porchlight encrypt_text` re-encrypted the data?"
        ) from None


class _OnlyIsNull:
    """Refuse lookups the database cannot answer on ciphertext (a silent miss otherwise)."""

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in ALLOWED_LOOKUPS:
            raise FieldError(
                f"{self.__class__.__name__} is encrypted at rest and cannot be "
                f"filtered with '{lookup_name}'; filter in Python after loading."
            )
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(f"{self.__class__.__name__} is encrypted at rest: no '{lookup_name}'.")


class EncryptedTextField(_OnlyIsNull, models.TextField):
    """A TextField whose value is encrypted at rest when keys are configured."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if isinstance(value, str) else value

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return decrypt(value) if isinstance(value, str) else value


class EncryptedJSONField(_OnlyIsNull, models.JSONField):
    """A JSONField whose whole document is encrypted at rest when keys are configured.

    The column stays JSON: an encrypted document is stored as one JSON string
    holding the token, so turning encryption on needs no change of column type.
    """

    def get_prep_value(self, value: Any) -> Any:
        if value is None or not enabled():
            return super().get_prep_value(value)
        return encrypt(json.dumps(value, cls=self.encoder, sort_keys=True))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        value = super().from_db_value(value, expression, connection)
        if is_token(value):
            return json.loads(decrypt(value), cls=self.decoder)
        return value


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and those fields' names."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField | EncryptedJSONField)
        ]
        if names:
            found.append((model, names))
    return found


def count_plain() -> dict[str, int]:
    """How many non-empty values each model stores unencrypted ({} means none)."""
    counts = {}
    for model, names in encrypted_fields():
        # Cast to plain text so the values come back as stored, tokens unopened;
        # a JSON field holds its token as a JSON string, hence the quote.
        stored = {f"_stored_{name}": Cast(name, output_field=models.TextField()) for name in names}
        plain = sum(
            1
            for row in model._default_manager.annotate(**stored).values_list(*stored)
            for value in row
            if value not in (None, "", '""', "{}", "[]") and not is_token(value.lstrip('"'))
        )
        if plain:
            counts[model._meta.label] = plain
    return counts


def reencrypt_all(batch_size: int = 200) -> dict[str, int]:
    """Write every encrypted field again: plain values get encrypted and tokens made
    under an older key are re-made under the first key. Returns rows per model."""
    from porchlight.core import audit  # noqa: PLC0415  core.models imports this module for its fields
    from porchlight.core.models import AuditAction  # noqa: PLC0415  core.models imports this module for its fields

    keys_in_use = configured_keys()
    if not keys_in_use:
        raise ImproperlyConfigured("Set PORCHLIGHT_ENCRYPTION_KEYS before encrypting text.")
    done = {}
    for model, names in encrypted_fields():
        manager = model._default_manager
        done[model._meta.label] = 0
        with transaction.atomic():
            rows = manager.only("pk", *names).iterator(chunk_size=batch_size)
            while batch := list(islice(rows, batch_size)):
                manager.bulk_update(batch, names)
                done[model._meta.label] += len(batch)
    audit.record(
        action=AuditAction.TEXT_ENCRYPTED, details={"rows": done, "keys": len(keys_in_use)}
    )
    return done
