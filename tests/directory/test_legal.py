"""The legal-options pages ("What the law allows when they refuse and are at risk").

The loader checks each field's type; these tests check the shipped files as content:
every page walks through every step, names its law and its sources, is dated, gives an
emergency number first, and never hands down a verdict or uses stigmatizing words.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from porchlight.directory.catalogue import DEFAULT_LEGAL, Jurisdiction, load_legal

# The jurisdictions issue #16 asked for; more may be added, none may go missing.
EXPECTED = {
    "california",
    "england-wales",
    "france",
    "germany",
    "massachusetts",
    "new-york",
    "ontario",
    "victoria",
}

# The steps every page walks through, in the order the page shows them, then its dating.
STEPS = (
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
    "law_as_of",
    "review_by",
    "checked",
)

# An emergency number must come first: 999 (GB), 911 (US, CA), 000 (AU), 112, 15 (FR).
EMERGENCY_NUMBER = re.compile(r"\b(999|911|000|112|15)\b")
# A page explains; it never tells anyone that someone does or does not qualify.
VERDICT = re.compile(r"\bqualif(?:y|ies|ied for)\b", re.IGNORECASE)
# Safe-messaging: "committed suicide" and its variants imply a crime.
STIGMA = re.compile(r"\bcommit(?:s|ted|ting)? suicide\b", re.IGNORECASE)

LEGAL_FILES = sorted(DEFAULT_LEGAL.glob("*.yaml"))


def page_texts(page: Jurisdiction) -> list[str]:
    return [
        page.law,
        page.changes_coming,
        page.danger_now,
        page.voluntary_first,
        *page.who_can_start,
        *page.timeline,
        page.persons_rights,
        page.family_rights,
        page.relationship_risks,
        *page.write_down,
        page.note,
    ]


def test_the_eight_jurisdictions_load() -> None:
    assert EXPECTED - set(load_legal()) == set()


@pytest.mark.parametrize("path", LEGAL_FILES, ids=lambda p: p.stem)
def test_every_legal_file_has_every_step_and_its_dates(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))

    assert [step for step in STEPS if not raw.get(step)] == []


@pytest.mark.parametrize("path", LEGAL_FILES, ids=lambda p: p.stem)
def test_every_legal_file_says_it_is_not_legal_advice(path: Path) -> None:
    assert "Not legal advice." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", sorted(load_legal()))
def test_every_legal_page_starts_with_an_emergency_number(slug: str) -> None:
    page = load_legal()[slug]

    assert EMERGENCY_NUMBER.search(page.danger_now), page.danger_now


@pytest.mark.parametrize("slug", sorted(load_legal()))
def test_every_legal_page_is_reviewed_within_a_year_of_its_law_date(slug: str) -> None:
    page = load_legal()[slug]

    assert page.law_as_of < page.review_by <= page.law_as_of + dt.timedelta(days=366)
    assert page.checked <= dt.date.today()


@pytest.mark.parametrize("slug", sorted(load_legal()))
def test_every_legal_page_names_its_law_and_explains_secondary_sources(slug: str) -> None:
    page = load_legal()[slug]

    assert page.statutes
    assert all(title and url.startswith("https://") for title, url, _ in page.sources)
    if any(kind == "secondary" for _, _, kind in page.sources):
        assert page.note, f"{page.file}: say in a note what could not be read first-hand"


@pytest.mark.parametrize("slug", sorted(load_legal()))
def test_no_legal_page_gives_a_verdict_or_uses_stigmatizing_words(slug: str) -> None:
    texts = page_texts(load_legal()[slug])

    assert [t for t in texts if VERDICT.search(t) or STIGMA.search(t)] == []


def test_the_verdict_and_stigma_checks_catch_what_they_are_for() -> None:
    assert VERDICT.search("Your son qualifies for a Section 12.")
    assert not VERDICT.search("a qualified psychologist")
    assert STIGMA.search("after he committed suicide")
    assert EMERGENCY_NUMBER.search("call triple zero (000)")
    assert not EMERGENCY_NUMBER.search("call your GP")
