"""The verified crisis-line directory: one YAML file per country, loaded and checked here.

The data lives in ``porchlight/content/helplines/<cc>.yaml`` (see the README there for
the format, the sources and the verification log). This module is plain Python: it
reads the files, validates every entry, and exposes frozen dataclasses that templates
can render directly (``contact.href``, ``contact.display``, ``line.source_host``).

A wrong crisis number can cost a life, so loading is strict: any problem raises
:class:`HelplineDataError` naming the file and the field. Short codes (988, 116 123,
3114, 13 11 14...) are dial strings with ``e164: null``; full numbers must carry a
valid E.164 number for the file's country whose digits match the dial string.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urlsplit

import phonenumbers

from porchlight.content.reader import ContentDataError, Reader, read_yaml

__all__ = [
    "ADULT_SERVICES",
    "AUDIENCES",
    "DEFAULT_PATH",
    "Contact",
    "CountryDirectory",
    "EmergencyNumber",
    "Helpline",
    "HelplineDataError",
    "SourcedNote",
    "countries",
    "get_country",
    "load_directory",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "helplines"

#: Who a line serves (the YAML ``for`` list). ``worried_about_someone`` is only set
#: when the service itself says it helps people worried about someone else.
AUDIENCES = frozenset(
    {
        "suicide",
        "emotional_distress",
        "mental_health",
        "substance_use",
        "self_harm",
        "domestic_violence",
        "sexual_violence",
        "youth",
        "worried_about_someone",
        "men",
        "older_adults",
        "vulnerable_adults",
    }
)

#: What an ``adult_services`` entry is: the help an older or vulnerable adult's family can
#: ask for when a home is unsafe (blocked exits, fire risk, no heating, falls, self-neglect).
ADULT_SERVICES = frozenset(
    {
        "adult_protection",  # Adult Protective Services (US), council safeguarding (UK)...
        "adult_social_care",  # needs assessments and care at home
        "elder_abuse",  # elder-abuse helplines
        "eldercare_information",  # finding local services for older adults
        "fire_home_safety",  # fire and rescue services' home safety visits
    }
)

METHODS = ("phone", "text", "chat")
SHORT_CODE_MAX_DIGITS = 6

_TOP_KEYS = {
    "country",
    "name",
    "emergency",
    "lines",
    "domestic_violence",
    "addiction",
    "adult_services",
    "domestic_violence_gap",
}
#: ``domestic_violence_gap``: what the page says where a country has no national
#: domestic-violence line (only regional ones, or none we could confirm).
_NOTE_KEYS = {"text", "source", "secondary_source", "verified_at"}
_EMERGENCY_KEYS = {"number", "also", "source", "secondary_source", "verified_at", "notes"}
_LINE_KEYS = {
    "id",
    "name",
    "for",
    "contacts",
    "website",
    "languages",
    "source",
    "secondary_source",
    "verified_at",
    "notes",
    "region",
}
#: An adult service has the same shape as a line plus what it is (``service``); a local
#: service (a council, a county, a fire service) may give a ``website`` and no contacts.
_ADULT_KEYS = _LINE_KEYS | {"service"}
_CONTACT_KEYS = {
    "phone": {"method", "dial", "e164", "also_text", "hours", "free"},
    "text": {"method", "dial", "e164", "keyword", "hours", "free"},
    "chat": {"method", "url", "hours", "free"},
}

_E164_RE = re.compile(r"^\+[1-9][0-9]{6,14}$")
_SHORT_DIAL_RE = re.compile(r"^[0-9]+( [0-9]+)*$")
_FULL_DIAL_RE = re.compile(r"^[0-9]+([ -][0-9]+)*$")
_EMERGENCY_RE = re.compile(r"^[0-9]{2,6}$")
_KEYWORD_RE = re.compile(r"^[A-Za-z0-9]{1,20}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class HelplineDataError(ContentDataError):
    """A helpline file is missing something or holds a value we refuse to show.

    The message is ``<file>: <field>: <problem>``, like every content loader's.
    """

    def __init__(self, file: str | Path, field: str, message: str) -> None:
        self.file = str(file)
        self.field = field
        self.message = message
        super().__init__(f"{self.file}: {field}: {message}")


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Contact:
    """One way to reach a line: a phone number, a text number or a chat page."""

    method: str
    region: str
    dial: str | None = None
    e164: str | None = None
    keyword: str | None = None
    url: str | None = None
    hours: str | None = None
    free: bool | None = None
    also_text: bool = False

    @property
    def is_short_code(self) -> bool:
        return self.method in ("phone", "text") and self.e164 is None

    @property
    def _target(self) -> str:
        """What goes after ``tel:``/``sms:``: the E.164 number, or the short code's digits."""
        if self.e164:
            return self.e164
        return _digits(self.dial or "")

    @property
    def href(self) -> str:
        if self.method == "chat":
            return self.url or ""
        if self.method == "phone":
            return f"tel:{self._target}"
        if self.keyword:
            return f"sms:{self._target}?&body={quote(self.keyword)}"
        return f"sms:{self._target}"

    @property
    def text_href(self) -> str | None:
        """For a phone number that also takes texts (988, 1737): the ``sms:`` link."""
        if self.method == "phone" and self.also_text:
            return f"sms:{self._target}"
        return None

    @property
    def number(self) -> str:
        """The number as the provider writes it (the loader checked it matches the E.164 digits)."""
        if self.dial:
            return self.dial
        if self.e164:
            parsed = phonenumbers.parse(self.e164, None)
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return ""

    @property
    def display(self) -> str:
        if self.method == "chat":
            return f"Chat online at {_host(self.url or '')}"
        if self.method == "phone":
            verb = "Call or text" if self.also_text else "Call"
            return f"{verb} {self.number}"
        if self.keyword:
            return f"Text {self.keyword} to {self.number}"
        return f"Text {self.number}"


class _Sourced:
    """The hosts of an entry's source pages, shown as "Source: nhs.uk"."""

    source: str
    secondary_source: str | None

    @property
    def source_host(self) -> str:
        return _host(self.source)

    @property
    def secondary_source_host(self) -> str | None:
        return _host(self.secondary_source) if self.secondary_source else None


@dataclass(frozen=True)
class Helpline(_Sourced):
    id: str
    name: str
    serves: tuple[str, ...]
    contacts: tuple[Contact, ...]
    languages: tuple[str, ...]
    source: str
    verified_at: dt.date
    kind: str = "crisis"
    website: str | None = None
    notes: str | None = None
    #: A second page confirming the same number (a government page for a provider's, say).
    secondary_source: str | None = None
    #: For ``adult_services`` only: one of :data:`ADULT_SERVICES`.
    service: str | None = None
    #: Where a line serves only part of the country ("British Columbia"); ``None`` = national.
    region: str | None = None

    @property
    def website_host(self) -> str | None:
        return _host(self.website) if self.website else None

    @property
    def helps_people_worried_about_someone(self) -> bool:
        return "worried_about_someone" in self.serves


@dataclass(frozen=True)
class EmergencyNumber(_Sourced):
    number: str
    source: str
    verified_at: dt.date
    also: tuple[str, ...] = ()
    notes: str | None = None
    secondary_source: str | None = None

    @property
    def href(self) -> str:
        return f"tel:{self.number}"

    @property
    def display(self) -> str:
        return f"Call {self.number}"


@dataclass(frozen=True)
class SourcedNote(_Sourced):
    """A sourced sentence shown in place of a missing national line ("Canada has no ...")."""

    text: str
    source: str
    verified_at: dt.date
    secondary_source: str | None = None


@dataclass(frozen=True)
class CountryDirectory:
    code: str
    name: str
    emergency: EmergencyNumber
    lines: tuple[Helpline, ...]
    domestic_violence: tuple[Helpline, ...] = ()
    #: Information and treatment-referral lines for drinking and drugs: not crisis lines.
    addiction: tuple[Helpline, ...] = ()
    #: Help for an older or vulnerable adult at home: adult protection, social care,
    #: elder-abuse lines and fire services' home safety visits. Some are links only.
    adult_services: tuple[Helpline, ...] = ()
    #: Required when no domestic-violence line serves the whole country: says so plainly.
    domestic_violence_gap: SourcedNote | None = None

    @property
    def has_violence_help(self) -> bool:
        """Something to show under "If you are afraid of someone": lines or the gap note."""
        return bool(self.domestic_violence) or self.domestic_violence_gap is not None

    @property
    def all_lines(self) -> tuple[Helpline, ...]:
        return self.lines + self.domestic_violence + self.addiction + self.adult_services

    @property
    def oldest_verification(self) -> dt.date:
        dates = [self.emergency.verified_at, *(line.verified_at for line in self.all_lines)]
        return min(dates)


class _YamlError(ContentDataError):
    """What :func:`read_yaml` raises; turned into a :class:`HelplineDataError` at once."""


class _HelplineReader(Reader):
    """The shared strict :class:`Reader`, with the directory's own error and number rules.

    Every error is a :class:`HelplineDataError` naming the file and the exact field
    (``lines[0].contacts[1].e164``), so an editor knows what to fix.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path.name, HelplineDataError)
        self.path = path

    def fail(self, where: str, message: str) -> NoReturn:
        raise HelplineDataError(self.name, where or "(file)", message)

    def string(
        self, data: Mapping[str, Any], key: str, field: str, *, required: bool = True
    ) -> Any:
        where = f"{field}.{key}" if field else key
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"must be a non-empty string (quote numbers), got {value!r}")
        return value.strip()

    def https_url(self, data: Mapping[str, Any], key: str, field: str, *, required: bool = True):
        value = self.string(data, key, field, required=required)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or " " in value:
            self.fail(f"{field}.{key}", f"must be an https:// URL, got {value!r}")
        return value

    def day(self, data: Mapping[str, Any], key: str, field: str) -> dt.date:
        """A date; unlike :meth:`Reader.date`, a timestamp is refused, not truncated."""
        value = data.get(key)
        where = f"{field}.{key}"
        if isinstance(value, dt.datetime):
            self.fail(where, "must be a date (YYYY-MM-DD), not a timestamp")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(where, f"must be a date (YYYY-MM-DD), got {value!r}")

    def bool_or_none(self, data: Mapping[str, Any], key: str, field: str) -> bool | None:
        value = data.get(key)
        if value is None:
            return None
        return self.boolean(data, key, f"{field}.{key}")

    def read(self, raw: Any) -> CountryDirectory:
        data = self.fields(raw, "(file)", required=(), optional=_TOP_KEYS)
        code = data.get("country")
        if not isinstance(code, str) or not _COUNTRY_RE.match(code):
            self.fail("country", f"must be an ISO 3166-1 alpha-2 code in capitals, got {code!r}")
        if code not in phonenumbers.SUPPORTED_REGIONS:
            self.fail("country", f"{code!r} is not a region phonenumbers knows")
        if self.path.stem != code.lower():
            self.fail("country", f"{code!r} does not match the file name {self.name!r}")
        name = self.string(data, "name", "")
        emergency = self.emergency(data.get("emergency"))
        lines = self.lines(data.get("lines"), "lines", code, kind="crisis", required=True)
        dv = self.lines(
            data.get("domestic_violence"),
            "domestic_violence",
            code,
            kind="domestic_violence",
            required=False,
        )
        addiction = self.lines(
            data.get("addiction"), "addiction", code, kind="addiction", required=False
        )
        adult = self.lines(
            data.get("adult_services"),
            "adult_services",
            code,
            kind="adult_services",
            required=False,
        )
        gap = self.note(data.get("domestic_violence_gap"), "domestic_violence_gap")
        if gap is None and not any(line.region is None for line in dv):
            self.fail(
                "domestic_violence_gap",
                "is required when no domestic-violence line serves the whole country "
                "(say plainly what to do instead, with a source)",
            )
        return CountryDirectory(
            code=code,
            name=name,
            emergency=emergency,
            lines=lines,
            domestic_violence=dv,
            addiction=addiction,
            adult_services=adult,
            domestic_violence_gap=gap,
        )

    def note(self, raw: Any, field: str) -> SourcedNote | None:
        if raw is None:
            return None
        data = self.fields(raw, field, required=(), optional=_NOTE_KEYS)
        return SourcedNote(
            text=self.string(data, "text", field),
            source=self.https_url(data, "source", field),
            verified_at=self.day(data, "verified_at", field),
            secondary_source=self.https_url(data, "secondary_source", field, required=False),
        )

    def emergency(self, raw: Any) -> EmergencyNumber:
        if raw is None:
            self.fail("emergency", "is required")
        data = self.fields(raw, "emergency", required=(), optional=_EMERGENCY_KEYS)
        number = self.string(data, "number", "emergency")
        if not _EMERGENCY_RE.match(number):
            self.fail("emergency.number", f"must be 2-6 digits as dialled, got {number!r}")
        also_raw = data.get("also") or []
        if not isinstance(also_raw, list):
            self.fail("emergency.also", "must be a list of quoted numbers")
        also = []
        for index, item in enumerate(also_raw):
            if not isinstance(item, str) or not _EMERGENCY_RE.match(item):
                self.fail(f"emergency.also[{index}]", f"must be 2-6 digits, got {item!r}")
            also.append(item)
        return EmergencyNumber(
            number=number,
            also=tuple(also),
            source=self.https_url(data, "source", "emergency"),
            verified_at=self.day(data, "verified_at", "emergency"),
            notes=self.string(data, "notes", "emergency", required=False),
            secondary_source=self.https_url(data, "secondary_source", "emergency", required=False),
        )

    def lines(
        self, raw: Any, field: str, code: str, *, kind: str, required: bool
    ) -> tuple[Helpline, ...]:
        if raw is None:
            if required:
                self.fail(field, "at least one line is required")
            return ()
        if not isinstance(raw, list) or (required and not raw):
            self.fail(field, "must be a non-empty list")
        found = tuple(
            self.line(item, f"{field}[{index}]", code, kind) for index, item in enumerate(raw)
        )
        return found

    def line(self, raw: Any, field: str, code: str, kind: str) -> Helpline:
        adult = kind == "adult_services"
        data = self.fields(raw, field, required=(), optional=_ADULT_KEYS if adult else _LINE_KEYS)
        line_id = self.string(data, "id", field)
        if not re.match(rf"^{code.lower()}-[a-z0-9]+(-[a-z0-9]+)*$", line_id):
            self.fail(f"{field}.id", f"must look like '{code.lower()}-some-name', got {line_id!r}")
        serves = data.get("for")
        if not isinstance(serves, list) or not serves:
            self.fail(f"{field}.for", "must be a non-empty list")
        for index, audience in enumerate(serves):
            if audience not in AUDIENCES:
                self.fail(
                    f"{field}.for[{index}]",
                    f"unknown audience {audience!r}; use one of {', '.join(sorted(AUDIENCES))}",
                )
        service = None
        if adult:
            service = data.get("service")
            if service not in ADULT_SERVICES:
                self.fail(
                    f"{field}.service",
                    f"must be one of {', '.join(sorted(ADULT_SERVICES))}, got {service!r}",
                )
        website = self.https_url(data, "website", field, required=False)
        contacts_raw = data.get("contacts")
        if adult and contacts_raw is None:
            # A local service (the council, the county, the fire service): a link, no number.
            if website is None:
                self.fail(f"{field}.website", "is required when there are no contacts")
            contacts: tuple[Contact, ...] = ()
        else:
            if not isinstance(contacts_raw, list) or not contacts_raw:
                self.fail(f"{field}.contacts", "must be a non-empty list")
            contacts = tuple(
                self.contact(item, f"{field}.contacts[{index}]", code)
                for index, item in enumerate(contacts_raw)
            )
            if not any(contact.method in ("phone", "text") for contact in contacts):
                self.fail(f"{field}.contacts", "needs at least one phone or text contact")
        languages = data.get("languages")
        if not isinstance(languages, list) or not languages:
            self.fail(f"{field}.languages", "must be a non-empty list (quote 'no')")
        for index, language in enumerate(languages):
            if not isinstance(language, str) or not _LANGUAGE_RE.match(language):
                self.fail(
                    f"{field}.languages[{index}]", f"must be an ISO 639 code, got {language!r}"
                )
        return Helpline(
            id=line_id,
            name=self.string(data, "name", field),
            serves=tuple(serves),
            contacts=contacts,
            languages=tuple(languages),
            source=self.https_url(data, "source", field),
            verified_at=self.day(data, "verified_at", field),
            kind=kind,
            website=website,
            notes=self.string(data, "notes", field, required=False),
            secondary_source=self.https_url(data, "secondary_source", field, required=False),
            service=service,
            region=self.string(data, "region", field, required=False),
        )

    def contact(self, raw: Any, field: str, code: str) -> Contact:
        mapping = self.mapping(raw, field)
        method = mapping.get("method")
        if method not in METHODS:
            self.fail(f"{field}.method", f"must be one of {', '.join(METHODS)}, got {method!r}")
        data = self.fields(mapping, field, required=(), optional=_CONTACT_KEYS[method])
        hours = self.string(data, "hours", field, required=False)
        free = self.bool_or_none(data, "free", field)
        if method == "chat":
            return Contact(
                method=method,
                region=code,
                url=self.https_url(data, "url", field),
                hours=hours,
                free=free,
            )
        dial = self.string(data, "dial", field)
        if "e164" not in data:
            self.fail(f"{field}.e164", "is required: the E.164 number, or null for a short code")
        e164 = data.get("e164")
        if e164 is None:
            self.check_short_code(dial, f"{field}.dial")
        else:
            self.check_full_number(dial, e164, code, field)
        keyword = None
        also_text = False
        if method == "text":
            keyword = self.string(data, "keyword", field, required=False)
            if keyword is not None and not _KEYWORD_RE.match(keyword):
                self.fail(f"{field}.keyword", f"must be letters or digits, got {keyword!r}")
        else:
            also_text = bool(self.bool_or_none(data, "also_text", field))
        return Contact(
            method=method,
            region=code,
            dial=dial,
            e164=e164,
            keyword=keyword,
            hours=hours,
            free=free,
            also_text=also_text,
        )

    def check_short_code(self, dial: str, field: str) -> None:
        if not _SHORT_DIAL_RE.match(dial):
            self.fail(field, f"a short code may hold only digits and spaces, got {dial!r}")
        if len(_digits(dial)) > SHORT_CODE_MAX_DIGITS:
            self.fail(
                field, f"{dial!r} is too long for a short code; give its E.164 number in e164"
            )

    def check_full_number(self, dial: str, e164: Any, code: str, field: str) -> None:
        if not isinstance(e164, str) or not _E164_RE.match(e164):
            self.fail(f"{field}.e164", f"must be '+' and 7-15 digits, or null, got {e164!r}")
        if not _FULL_DIAL_RE.match(dial):
            self.fail(f"{field}.dial", f"may hold only digits, spaces and hyphens, got {dial!r}")
        try:
            parsed = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException as error:
            raise HelplineDataError(
                self.name, f"{field}.e164", f"does not parse: {error}"
            ) from error
        if not phonenumbers.is_valid_number_for_region(parsed, code):
            self.fail(
                f"{field}.e164",
                f"{e164} is not a valid {code} number (is it a short code? use e164: null)",
            )
        national = phonenumbers.national_significant_number(parsed)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(code)
        prefix = (metadata.national_prefix if metadata else None) or ""
        accepted = {national, prefix + national, str(parsed.country_code) + national}
        if _digits(dial) not in accepted:
            self.fail(
                f"{field}.dial",
                f"{dial!r} does not match e164 {e164} (expected the digits {prefix}{national})",
            )


@functools.cache
def load_directory(path: Path = DEFAULT_PATH) -> dict[str, CountryDirectory]:
    """Read and validate every ``<cc>.yaml`` under *path*; keys are upper-case country codes.

    Cached: the files are read once per process. Treat the result as read-only.
    """
    folder = Path(path)
    # One file per country (<cc>.yaml); emergency_numbers.yaml is read by emergency.py.
    files = sorted(folder.glob("[a-z][a-z].yaml"))
    if not files:
        raise HelplineDataError(folder, "(directory)", "no helpline files found")
    directory: dict[str, CountryDirectory] = {}
    seen_ids: dict[str, str] = {}
    for file in files:
        try:
            raw = read_yaml(file, _YamlError)
        except _YamlError as error:
            problem = str(error).removeprefix(f"{file.name}: ")
            raise HelplineDataError(file.name, "(file)", problem) from error
        country = _HelplineReader(file).read(raw)
        for line in country.all_lines:
            if line.id in seen_ids:
                raise HelplineDataError(
                    file.name, f"id {line.id}", f"duplicate id (also in {seen_ids[line.id]})"
                )
            seen_ids[line.id] = file.name
        directory[country.code] = country
    return directory


def get_country(code: str | None) -> CountryDirectory | None:
    """The directory for an ISO country code, any case; ``None`` when we have no file for it."""
    if not isinstance(code, str):
        return None
    return load_directory().get(code.strip().upper())


def countries() -> list[CountryDirectory]:
    """Every country we cover, sorted by name (for the country picker)."""
    return sorted(load_directory().values(), key=lambda c: (c.name.casefold(), c.code))
