"""Emergency numbers for every country a circle can choose, loaded from content data.

``porchlight/content/helplines/emergency_numbers.yaml`` holds one entry per ISO 3166-1
code that django-countries knows, with the numbers to tap, the services each reaches,
where they come from and when we last compared the sources. The 25 countries with a
verified crisis-line file (``<cc>.yaml``) keep that file's emergency number first.

Plain Python, no Django: loading is strict and fails with :class:`EmergencyDataError`.
The test suite checks every number against ``phonenumbers``' short-number metadata.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from porchlight.content.reader import ContentDataError, Reader, read_yaml

__all__ = [
    "DATA_FILE",
    "FALLBACK_NUMBERS",
    "SERVICES",
    "CountryEmergency",
    "EmergencyDataError",
    "EmergencyNumber",
    "for_country",
    "load_emergency_numbers",
]

CONTENT = Path(__file__).resolve().parent.parent / "content"
DATA_FILE = CONTENT / "helplines" / "emergency_numbers.yaml"

#: What a number reaches. ``unknown``: the sources do not say which service answers.
SERVICES = ("ambulance", "police", "fire", "unknown")
SERVICE_LABELS = {"ambulance": "ambulance", "police": "police", "fire": "fire"}

#: Shown when no country is known: most mobile phones connect either one to the local
#: emergency service where there is a network (GSM / 3GPP TS 22.101).
FALLBACK_NUMBERS = ("112", "911")

_DIAL_RE = re.compile(r"^[0-9]{2,6}$")
_CODE_RE = re.compile(r"^[A-Z]{2}$")
_ENTRY_KEYS = {"numbers", "source", "secondary_source", "verified_at", "notes"}
_NUMBER_KEYS = {"dial", "for"}
_SOURCE_KEYS = {"title", "url", "kind"}
_SOURCE_KINDS = {"government", "provider", "secondary"}


class EmergencyDataError(ContentDataError):
    """The emergency-number table is broken: ``emergency_numbers.yaml: <field>: <problem>``."""

    def __init__(self, field: str, message: str, *, file: str = DATA_FILE.name) -> None:
        self.file = file
        self.field = field
        self.message = message
        super().__init__(f"{file}: {field}: {message}")


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    kind: str


@dataclass(frozen=True)
class EmergencyNumber:
    dial: str
    services: tuple[str, ...]

    @property
    def href(self) -> str:
        return f"tel:{self.dial}"

    @property
    def reaches_every_service(self) -> bool:
        return {"ambulance", "police", "fire"} <= set(self.services)

    @property
    def label(self) -> str:
        """What the button says under the number: "ambulance, police, fire" or "emergency"."""
        known = [SERVICE_LABELS[service] for service in self.services if service in SERVICE_LABELS]
        if not known:
            return "emergency"
        if len(known) == 1:
            return known[0]
        return ", ".join(known[:-1]) + " and " + known[-1]


@dataclass(frozen=True)
class CountryEmergency:
    code: str
    numbers: tuple[EmergencyNumber, ...]
    sources: tuple[Source, ...]
    verified_at: dt.date
    from_directory: bool
    notes: str | None = None
    #: A government or provider page that confirms the first number (the lists are not).
    confirmed_by: Source | None = None

    @property
    def main(self) -> EmergencyNumber | None:
        return self.numbers[0] if self.numbers else None

    @property
    def has_number(self) -> bool:
        return bool(self.numbers)

    @property
    def source(self) -> Source:
        return self.sources[-1]


class _TableReader(Reader):
    """The shared strict :class:`Reader`, raising :class:`EmergencyDataError` with the field."""

    def __init__(self, name: str) -> None:
        super().__init__(name, EmergencyDataError)

    def fail(self, where: str, message: str) -> NoReturn:
        raise EmergencyDataError(where or "(file)", message, file=self.name)

    def https(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or urlsplit(value).scheme != "https":
            self.fail(where, f"must be an https:// URL, got {value!r}")
        return value

    def source_table(self, raw: Any) -> dict[str, Source]:
        if not isinstance(raw, Mapping) or not raw:
            self.fail("sources", "must be a non-empty mapping")
        found = {}
        for key, value in raw.items():
            data = self.fields(value, f"sources.{key}", required=(), optional=_SOURCE_KEYS)
            kind = data.get("kind")
            if kind not in _SOURCE_KINDS:
                self.fail(f"sources.{key}.kind", f"must be one of {sorted(_SOURCE_KINDS)}")
            title = data.get("title")
            if not isinstance(title, str) or not title.strip():
                self.fail(f"sources.{key}.title", "is required")
            found[str(key)] = Source(
                key=str(key),
                title=title.strip(),
                url=self.https(data.get("url"), f"sources.{key}.url"),
                kind=kind,
            )
        return found

    def entry(self, code: str, raw: Any, sources: dict[str, Source]) -> CountryEmergency:
        field = f"countries.{code}"
        data = self.fields(raw, field, required=(), optional=_ENTRY_KEYS)
        numbers_raw = data.get("numbers")
        if not isinstance(numbers_raw, list):
            self.fail(f"{field}.numbers", "must be a list (empty: source none)")
        numbers = []
        for index, item in enumerate(numbers_raw):
            where = f"{field}.numbers[{index}]"
            number = self.fields(item, where, required=(), optional=_NUMBER_KEYS)
            dial = number.get("dial")
            if not isinstance(dial, str) or not _DIAL_RE.match(dial):
                self.fail(f"{where}.dial", f"must be 2-6 digits, quoted, got {dial!r}")
            services = number.get("for")
            if not isinstance(services, list) or not services:
                self.fail(f"{where}.for", "must be a non-empty list")
            for service in services:
                if service not in SERVICES:
                    self.fail(f"{where}.for", f"unknown service {service!r}")
            numbers.append(EmergencyNumber(dial=dial, services=tuple(services)))
        if len({number.dial for number in numbers}) != len(numbers):
            self.fail(f"{field}.numbers", "a number is listed twice")
        source_key = data.get("source")
        if not isinstance(source_key, str):
            self.fail(f"{field}.source", "is required")
        from_directory = source_key.startswith("directory+")
        key = source_key.removeprefix("directory+")
        if key not in sources:
            self.fail(f"{field}.source", f"unknown source {source_key!r}")
        if (key == "none") != (not numbers):
            self.fail(f"{field}.source", "use source none exactly when numbers is []")
        confirmed_by = None
        second = data.get("secondary_source")
        if second is not None:
            if second not in sources or second in (key, "none"):
                self.fail(
                    f"{field}.secondary_source",
                    f"must name another source in 'sources', got {second!r}",
                )
            if sources[second].kind == "secondary":
                self.fail(
                    f"{field}.secondary_source",
                    "must be a government or provider page (the lists are secondary already)",
                )
            confirmed_by = sources[second]
        verified_at = data.get("verified_at")
        if not isinstance(verified_at, dt.date) or isinstance(verified_at, dt.datetime):
            self.fail(f"{field}.verified_at", "must be a date (YYYY-MM-DD)")
        notes = data.get("notes")
        if notes is not None and (not isinstance(notes, str) or not notes.strip()):
            self.fail(f"{field}.notes", "must be text")
        return CountryEmergency(
            code=code,
            numbers=tuple(numbers),
            sources=(sources[key],),
            verified_at=verified_at,
            from_directory=from_directory,
            notes=notes.strip() if notes else None,
            confirmed_by=confirmed_by,
        )


class _YamlError(ContentDataError):
    """What :func:`read_yaml` raises; turned into an :class:`EmergencyDataError`."""


@functools.cache
def load_emergency_numbers(path: Path = DATA_FILE) -> dict[str, CountryEmergency]:
    path = Path(path)
    try:
        raw = read_yaml(path, _YamlError)
    except _YamlError as error:
        problem = str(error).removeprefix(f"{path.name}: ")
        raise EmergencyDataError("(file)", problem, file=path.name) from error
    read = _TableReader(path.name)
    data = read.fields(raw, "(file)", required=(), optional={"sources", "countries"})
    sources = read.source_table(data.get("sources"))
    countries = data.get("countries")
    if not isinstance(countries, Mapping) or not countries:
        read.fail("countries", "must be a non-empty mapping")
    table = {}
    for code, entry in countries.items():
        if not isinstance(code, str) or not _CODE_RE.match(code):
            read.fail(f"countries.{code}", "keys must be ISO codes in capitals (quote NO)")
        table[code] = read.entry(code, entry, sources)
    return table


def for_country(code: str | None) -> CountryEmergency | None:
    if not isinstance(code, str):
        return None
    return load_emergency_numbers().get(code.strip().upper())
