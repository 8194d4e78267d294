"""What the directory pages show for a country and a set of concerns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django_countries import countries

from porchlight.directory.catalogue import Entry, Jurisdiction, load_directory, load_legal
from porchlight.directory.models import ReportReason
from porchlight.directory.services import open_reports


@dataclass(frozen=True)
class Listing:
    country: str
    country_name: str
    concerns: tuple[str, ...]
    national: list[Entry]  # groups of the country's own
    worldwide: list[Entry]  # groups that work in any country
    professional: list[Entry]
    legal: list[Jurisdiction]
    reported: frozenset[str]  # entries reported as wrong and not yet checked
    today: dt.date

    @property
    def report_reasons(self) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in ReportReason.choices]

    @property
    def covered(self) -> bool:
        """Whether the country has any verified entry of its own."""
        return bool(self.national or self.professional)


def listing(*, country: str, concerns: Iterable[str]) -> Listing:
    directory = load_directory()
    concerns = tuple(concerns)
    entries = directory.find(country=country, concerns=concerns)
    return Listing(
        country=country,
        country_name=str(dict(countries).get(country, "")) if country else "",
        concerns=concerns,
        national=[e for e in entries if not e.worldwide and not e.is_professional],
        worldwide=[e for e in entries if e.worldwide],
        professional=[e for e in entries if e.is_professional and not e.worldwide],
        legal=[j for j in load_legal().values() if not country or j.country == country],
        reported=open_reports(),
        today=dt.date.today(),
    )


def playbook_groups(items: Sequence[Any], *, country: str) -> list[Any]:
    """The playbook's support groups that serve ``country``.

    A group the playbook names (it has a ``url``) must be a directory entry with the
    same id, and shows only where that entry serves the country. Advice that names no
    organisation (no ``url``, such as "a counsellor of your own") fits everywhere.
    """
    directory = load_directory()
    kept = []
    for item in items:
        entry = directory.entry(item.id)
        if entry is None:
            if not item.url:
                kept.append(item)
        elif entry.serves(country):
            kept.append(item)
    return kept
