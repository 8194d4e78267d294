"""A small strict reader for the YAML content files, shared by their loaders.

Every error names the file, the item and the problem, so a broken content
file fails at start-up with a message an editor can act on. Loaders subclass
:class:`ContentDataError` for their own error type and read fields through a
:class:`Reader` made for one file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn

import yaml

from porchlight.content.questionnaire import Source

__all__ = ["ContentDataError", "Reader", "parse_yaml", "read_yaml"]

#: libyaml's safe loader when it is built in (six times faster, same results on our
#: content); the pure-Python safe loader otherwise.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentDataError(ValueError):
    """A content file is broken; the message names the file and the item."""


def parse_yaml(text: str, name: str, error: type[ValueError]) -> Any:
    """Parse ``text`` (from the file called ``name``) as YAML; bad YAML raises ``error``.

    This is the only place Porchlight parses YAML content, so every file gets the same
    safe loader and the same message.
    """
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506  (a safe loader)
    except yaml.YAMLError as exc:
        raise error(f"{name}: not valid YAML: {exc}") from exc


def read_yaml(path: Path, error: type[ValueError]) -> Any:
    """Parse ``path`` as YAML; a missing file or bad YAML raises ``error`` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error(f"{path.name}: cannot be read: file not found") from exc
    except OSError as exc:
        raise error(f"{path.name}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path.name}: cannot be read: not valid UTF-8 ({exc.reason})") from exc
    return parse_yaml(text, path.name, error)


class Reader:
    """Strict field readers for one content file. Every error starts with the file name."""

    def __init__(self, name: str, error: type[ValueError]) -> None:
        self.name = name
        self.error = error

    def fail(self, where: str, message: str) -> NoReturn:
        raise self.error(f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}")

    def mapping(self, value: Any, where: str, *, non_empty: bool = False) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be a mapping of fields")
        if non_empty and not value:
            self.fail(where, "must not be empty")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            self.fail(where, "must be a non-empty list")
        return value

    def fields(
        self,
        value: Any,
        where: str,
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> Mapping[str, Any]:
        """``value`` as a mapping that has every required field and no unknown one."""
        entry = self.mapping(value, where)
        required = tuple(required)
        missing = [key for key in required if entry.get(key) is None]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        self.known_fields(entry, (*required, *optional), where)
        return entry

    def known_fields(self, entry: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        unknown = sorted(str(key) for key in entry if key not in set(allowed))
        if unknown:
            self.fail(where, f"unknown field(s): {', '.join(unknown)}")

    def text(
        self, entry: Mapping[str, Any], field: str, where: str, *, required: bool = True
    ) -> str:
        value = entry.get(field)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"{field} must be non-empty text")
        return " ".join(value.split())

    def texts(self, entry: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
        value = entry.get(field)
        if not isinstance(value, list) or not value:
            self.fail(where, f"{field} must be a non-empty list")
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(where, f"every item in {field} must be non-empty text")
        return tuple(" ".join(item.split()) for item in value)

    def id(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _ID_RE.match(value):
            hint = (
                " (quote it: YAML reads yes/no/on/off as booleans)"
                if isinstance(value, bool)
                else ""
            )
            self.fail(where, f"id {value!r} must be snake_case text{hint}")
        return value

    def boolean(self, entry: Mapping[str, Any], field: str, where: str) -> bool:
        value = entry.get(field)
        if not isinstance(value, bool):
            self.fail(where, f"{field} must be true or false")
        return value

    def integer(
        self, entry: Mapping[str, Any], field: str, where: str, *, low: int, high: int
    ) -> int:
        value = entry.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(where, f"{field} must be a whole number from {low} to {high}")
        return value

    def date(self, entry: Mapping[str, Any], field: str, where: str) -> dt.date:
        value = entry.get(field)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.fail(where, f"{field} must be a date like 2026-11-23")

    def unique(self, ids: Iterable[str], what: str) -> None:
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                self.fail("", f"{what} id {item!r} is used twice")
            seen.add(item)

    def sources(self, raw: Any) -> dict[str, Source]:
        if not isinstance(raw, dict) or not raw:
            self.fail("", "'sources' must map keys to a title (and an https url when there is one)")
        table: dict[str, Source] = {}
        for key, entry in raw.items():
            where = f"source {key!r}"
            self.id(key, where)
            entry = self.mapping(entry, where)
            self.known_fields(entry, ("title", "url"), where)
            url = self.text(entry, "url", where, required=False)
            if url and not url.startswith("https://"):
                self.fail(where, "url must start with https://")
            table[key] = Source(key=key, title=self.text(entry, "title", where), url=url)
        return table

    def cite(
        self, entry: Mapping[str, Any], table: Mapping[str, Source], where: str
    ) -> tuple[Source, ...]:
        raw = entry.get("sources")
        if not isinstance(raw, list) or not raw:
            self.fail(where, "sources must be a non-empty list of keys from 'sources'")
        cited: list[Source] = []
        for key in raw:
            if key not in table:
                self.fail(where, f"unknown source {key!r}")
            if table[key] in cited:
                self.fail(where, f"source {key!r} is listed twice")
            cited.append(table[key])
        return tuple(cited)

    def article(
        self, entry: Mapping[str, Any], where: str, slugs: frozenset[str], *, required: bool = True
    ) -> str:
        slug = entry.get("article")
        if slug is None and not required:
            return ""
        if not isinstance(slug, str) or not _SLUG_RE.match(slug):
            self.fail(
                where, f"article {slug!r} must be an article slug like 'boundaries-that-hold'"
            )
        if slug not in slugs:
            self.fail(where, f"article {slug!r} does not exist in content/articles/")
        return slug
