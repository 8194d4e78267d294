"""The "where to get help" directory and the legal-options pages, read from content files.

Content lives in ``content/directory/`` (one file per country, plus
``international.yaml`` for groups that serve many countries) and ``content/legal/``
(one file per jurisdiction). Every entry names its source, who checked it and when;
an entry is shown as "needs re-checking" once it is older than :data:`REVIEW_DAYS`.
The fields are modelled on Open Referral HSDS where they fit (organisation, service,
contact, area served, languages), with concern, audience, approach and country added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers
from django_countries import countries as iso_countries

from porchlight.content.circle_choices import concern_ids
from porchlight.content.reader import ContentDataError, Reader, read_yaml

__all__ = [
    "DEFAULT_DIRECTORY",
    "DEFAULT_LEGAL",
    "GRACE_DAYS",
    "KINDS",
    "REVIEW_DAYS",
    "WORLDWIDE",
    "Directory",
    "DirectoryError",
    "Entry",
    "Jurisdiction",
    "load_directory",
    "load_file",
    "load_legal",
]

CONTENT = Path(__file__).resolve().parent.parent / "content"
DEFAULT_DIRECTORY = CONTENT / "directory"
DEFAULT_LEGAL = CONTENT / "legal"

REVIEW_DAYS = 180  # an entry older than this shows "needs re-checking"
GRACE_DAYS = 30  # past review by more than this, the content tests fail
WORLDWIDE = "worldwide"

# What kind of help it is, in the words the page shows.
KINDS: dict[str, str] = {
    "twelve_step": 'Twelve-step group ("detach with love")',
    "craft": 'CRAFT-based ("positive influence")',
    "dbt_skills": "DBT-based skills course",
    "peer_carers": "Peer support for carers and families",
    "family_education": "Course taught by other families",
    "professional": "Professional route",
}
FORMATS: dict[str, str] = {"in_person": "In person", "online": "Online", "phone": "By phone"}
AUDIENCES: dict[str, str] = {
    "family": "For you, the family or friend",
    "person": "For the person you're worried about",
    "both": "For you and for them",
}
SOURCE_KINDS: dict[str, str] = {
    "provider": "the organisation's own site",
    "government": "a government or public health service page",
    "secondary": "a secondary source only",
}
_ENTRY_FIELDS = (
    "id",
    "name",
    "kind",
    "audience",
    "concerns",
    "area",
    "regions",
    "formats",
    "cost",
    "languages",
    "url",
    "finder_url",
    "phone",
    "summary",
    "what_to_say",
    "source_url",
    "source_kind",
    "note",
    "checked",
    "checked_by",
    "licence",
)


class DirectoryError(ContentDataError):
    """A directory or legal content file is broken; the message names the file."""


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    audience: str
    concerns: tuple[str, ...]
    area: tuple[str, ...]  # ISO country codes, or ("worldwide",)
    regions: tuple[str, ...]
    formats: tuple[str, ...]
    cost: str
    languages: tuple[str, ...]
    url: str
    finder_url: str
    phone: str
    summary: str
    what_to_say: str
    source_url: str
    source_kind: str
    note: str
    checked: dt.date
    checked_by: str
    licence: str
    file: str

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def audience_label(self) -> str:
        return AUDIENCES[self.audience]

    @property
    def format_labels(self) -> list[str]:
        return [FORMATS[f] for f in self.formats]

    @property
    def source_label(self) -> str:
        return SOURCE_KINDS[self.source_kind]

    @property
    def worldwide(self) -> bool:
        return self.area == (WORLDWIDE,)

    @property
    def is_professional(self) -> bool:
        return self.kind == "professional"

    def serves(self, country: str) -> bool:
        return self.worldwide or country.upper() in self.area

    def review_by(self) -> dt.date:
        return self.checked + dt.timedelta(days=REVIEW_DAYS)

    def needs_recheck(self, today: dt.date | None = None) -> bool:
        return (today or dt.date.today()) > self.review_by()


@dataclass(frozen=True)
class Directory:
    entries: tuple[Entry, ...]

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    @property
    def countries(self) -> tuple[str, ...]:
        """Countries with at least one entry of their own (not counting worldwide groups)."""
        return tuple(sorted({c for e in self.entries if not e.worldwide for c in e.area}))

    def find(
        self, *, country: str = "", concerns: Iterable[str] = (), professional: bool | None = None
    ) -> list[Entry]:
        """Entries for a country (national first, then worldwide) and any of the concerns."""
        wanted = set(concerns)
        found = [
            e
            for e in self.entries
            if (not country or e.serves(country))
            and (not wanted or wanted & set(e.concerns))
            and (professional is None or e.is_professional == professional)
        ]
        return sorted(found, key=lambda e: (e.worldwide, e.is_professional, e.name.lower()))

    def stale(self, today: dt.date | None = None) -> list[Entry]:
        return [e for e in self.entries if e.needs_recheck(today)]


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: str
    country: str
    law: str
    law_as_of: dt.date
    review_by: dt.date
    changes_coming: str
    danger_now: str
    voluntary_first: str
    who_can_start: tuple[str, ...]
    timeline: tuple[str, ...]
    persons_rights: str
    family_rights: str
    relationship_risks: str
    write_down: tuple[str, ...]
    statutes: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str, str], ...]  # title, url, kind
    checked: dt.date
    checked_by: str
    note: str
    file: str

    @property
    def secondary_only(self) -> bool:
        return all(kind == "secondary" for _, _, kind in self.sources)

    def needs_recheck(self, today: dt.date | None = None) -> bool:
        return (today or dt.date.today()) > self.review_by


def _https(read: Reader, value: str, field: str, where: str) -> str:
    if value and not value.startswith("https://"):
        read.fail(where, f"{field} must start with https://")
    return value


def _choices(
    read: Reader, entry: Mapping[str, Any], field: str, where: str, allowed: Iterable[str]
) -> tuple[str, ...]:
    values = read.texts(entry, field, where)
    allowed = tuple(allowed)
    for value in values:
        if value not in allowed:
            read.fail(where, f"{field} {value!r} is not one of: {', '.join(allowed)}")
    if len(set(values)) != len(values):
        read.fail(where, f"{field} lists something twice")
    return values


def _country(read: Reader, value: Any, where: str) -> str:
    if not isinstance(value, str) or value.upper() != value or value not in dict(iso_countries):
        read.fail(where, f"country {value!r} is not an ISO 3166 two-letter code like GB")
    return value


def _phone(read: Reader, value: str, country: str, where: str) -> str:
    if not value:
        return ""

    try:
        number = phonenumbers.parse(value, None if value.startswith("+") else country or None)
    except phonenumbers.NumberParseException as exc:
        read.fail(where, f"phone {value!r} cannot be read: {exc}")
    valid = (
        phonenumbers.is_valid_number_for_region(number, country)
        if country
        else phonenumbers.is_valid_number(number)
    )
    if not valid:
        read.fail(where, f"phone {value!r} is not a valid number for {country or 'its country'}")
    return value


def _entry(read: Reader, raw: Any, index: int, file_country: str) -> Entry:
    where = f"entry {index + 1}"
    entry = read.mapping(raw, where)
    read.known_fields(entry, _ENTRY_FIELDS, where)
    entry_id = read.id(entry.get("id"), where)
    where = f"entry {entry_id!r}"
    if file_country:
        if "area" in entry:
            read.fail(where, "area is set by the file's country; leave it out")
        area: tuple[str, ...] = (file_country,)
    else:
        area = read.texts(entry, "area", where)
        if area != (WORLDWIDE,):
            area = tuple(_country(read, code, where) for code in area)
    regions = read.texts(entry, "regions", where) if "regions" in entry else ()
    checked = read.date(entry, "checked", where)
    if checked > dt.date.today():
        read.fail(where, f"checked date {checked} is in the future")
    kind = read.text(entry, "kind", where)
    if kind not in KINDS:
        read.fail(where, f"kind {kind!r} is not one of: {', '.join(KINDS)}")
    audience = read.text(entry, "audience", where)
    if audience not in AUDIENCES:
        read.fail(where, f"audience {audience!r} is not one of: {', '.join(AUDIENCES)}")
    source_kind = read.text(entry, "source_kind", where)
    if source_kind not in SOURCE_KINDS:
        read.fail(where, f"source_kind {source_kind!r} is not one of: {', '.join(SOURCE_KINDS)}")
    note = read.text(entry, "note", where, required=False)
    if source_kind == "secondary" and not note:
        read.fail(where, "a secondary source needs a note saying what could not be checked")
    phone_country = file_country or (area[0] if len(area) == 1 and area[0] != WORLDWIDE else "")
    return Entry(
        id=entry_id,
        name=read.text(entry, "name", where),
        kind=kind,
        audience=audience,
        concerns=_choices(read, entry, "concerns", where, concern_ids()),
        area=area,
        regions=regions,
        formats=_choices(read, entry, "formats", where, FORMATS),
        cost=read.text(entry, "cost", where),
        languages=read.texts(entry, "languages", where),
        url=_https(read, read.text(entry, "url", where), "url", where),
        finder_url=_https(
            read, read.text(entry, "finder_url", where, required=False), "finder_url", where
        ),
        phone=_phone(read, read.text(entry, "phone", where, required=False), phone_country, where),
        summary=read.text(entry, "summary", where),
        what_to_say=read.text(entry, "what_to_say", where, required=False),
        source_url=_https(read, read.text(entry, "source_url", where), "source_url", where),
        source_kind=source_kind,
        note=note,
        checked=checked,
        checked_by=read.text(entry, "checked_by", where),
        licence=read.text(entry, "licence", where),
        file=read.name,
    )


def load_file(path: Path) -> tuple[Entry, ...]:
    """Read and check one directory file (a country file or ``international.yaml``)."""
    read = Reader(path.name, DirectoryError)
    data = read.mapping(read_yaml(path, DirectoryError), "")
    read.known_fields(data, ("country", "scope", "entries"), "")
    if "country" in data:
        country = _country(read, data["country"], "")
        if path.stem != country.lower():
            read.fail("", f"a file for country {country} must be named {country.lower()}.yaml")
    elif data.get("scope") == "international":
        country = ""
    else:
        read.fail("", "give either 'country: XX' or 'scope: international'")
    raw = data.get("entries")
    if not isinstance(raw, list):
        read.fail("", "'entries' must be a list (it may be empty: [])")
    entries = tuple(_entry(read, item, i, country) for i, item in enumerate(raw))
    read.unique((e.id for e in entries), "entry")
    return entries


@cache
def load_directory(directory: Path = DEFAULT_DIRECTORY) -> Directory:
    """Every directory file, checked. Raises :class:`DirectoryError` naming the file."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise DirectoryError(f"{directory.name}: no directory files found")
    entries = tuple(e for path in paths for e in load_file(path))
    Reader(directory.name, DirectoryError).unique((e.id for e in entries), "entry")
    return Directory(entries=entries)


_LEGAL_FIELDS = (
    "id",
    "name",
    "country",
    "law",
    "law_as_of",
    "review_by",
    "changes_coming",
    "danger_now",
    "voluntary_first",
    "who_can_start",
    "timeline",
    "persons_rights",
    "family_rights",
    "relationship_risks",
    "write_down",
    "statutes",
    "sources",
    "checked",
    "checked_by",
    "note",
)


def _links(read: Reader, raw: Any, field: str, *, kinds: bool) -> tuple[tuple[str, ...], ...]:
    links = []
    for i, item in enumerate(read.items(raw, field)):
        where = f"{field} {i + 1}"
        item = read.mapping(item, where)
        read.known_fields(item, ("title", "url", "kind") if kinds else ("title", "url"), where)
        url = _https(read, read.text(item, "url", where), "url", where)
        row: tuple[str, ...] = (read.text(item, "title", where), url)
        if kinds:
            kind = read.text(item, "kind", where)
            if kind not in SOURCE_KINDS:
                read.fail(where, f"kind {kind!r} is not one of: {', '.join(SOURCE_KINDS)}")
            row = (*row, kind)
        links.append(row)
    return tuple(links)


def load_jurisdiction(path: Path) -> Jurisdiction:
    read = Reader(path.name, DirectoryError)
    data = read.mapping(read_yaml(path, DirectoryError), "")
    read.known_fields(data, _LEGAL_FIELDS, "")
    slug = data.get("id")
    if slug != path.stem:
        read.fail("", f"id {slug!r} must match the file name {path.stem!r}")
    checked = read.date(data, "checked", "")
    law_as_of = read.date(data, "law_as_of", "")
    today = dt.date.today()
    if checked > today or law_as_of > today:
        read.fail("", "checked and law_as_of must not be in the future")
    review_by = read.date(data, "review_by", "")
    if review_by <= law_as_of:
        read.fail("", "review_by must come after law_as_of")
    return Jurisdiction(
        id=str(slug),
        name=read.text(data, "name", ""),
        country=_country(read, data.get("country"), ""),
        law=read.text(data, "law", ""),
        law_as_of=law_as_of,
        review_by=review_by,
        changes_coming=read.text(data, "changes_coming", "", required=False),
        danger_now=read.text(data, "danger_now", ""),
        voluntary_first=read.text(data, "voluntary_first", ""),
        who_can_start=read.texts(data, "who_can_start", ""),
        timeline=read.texts(data, "timeline", ""),
        persons_rights=read.text(data, "persons_rights", ""),
        family_rights=read.text(data, "family_rights", ""),
        relationship_risks=read.text(data, "relationship_risks", ""),
        write_down=read.texts(data, "write_down", ""),
        statutes=_links(read, data.get("statutes"), "statutes", kinds=False),  # type: ignore[arg-type]
        sources=_links(read, data.get("sources"), "sources", kinds=True),  # type: ignore[arg-type]
        checked=checked,
        checked_by=read.text(data, "checked_by", ""),
        note=read.text(data, "note", "", required=False),
        file=path.name,
    )


@cache
def load_legal(directory: Path = DEFAULT_LEGAL) -> dict[str, Jurisdiction]:
    """Every legal-options page, by id (its file name), checked."""
    pages = [load_jurisdiction(path) for path in sorted(directory.glob("*.yaml"))]
    return {page.id: page for page in pages}
