"""What the directory covers for the 25 countries whose crisis lines are verified.

The "must show" of issue 16: each verified country has at least three kinds of family
support and a professional route. Countries are counted by the loader's own rule
(``Directory.find``: the country's entries plus groups marked ``area: [worldwide]``).
Where a country is still missing something, it is named here, so closing a gap, or
opening a new one, makes a test fail until this ledger is updated.
"""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from porchlight.directory.catalogue import DEFAULT_DIRECTORY, load_directory

HELPLINES = DEFAULT_DIRECTORY.parent / "helplines"
VERIFIED = sorted(
    path.stem.upper() for path in HELPLINES.glob("*.yaml") if path.stem != "emergency_numbers"
)

# No professional route confirmed on a provider or government page yet (see the
# comment at the top of mx.yaml for what was found only secondhand).
NO_PROFESSIONAL_ROUTE = {"MX"}
# No family-support group of the country's own confirmed yet; these countries rely on
# the international groups (Al-Anon, Nar-Anon, Gam-Anon, SMART Family & Friends, F.E.A.S.T.).
NO_NATIONAL_FAMILY_GROUP = {"IN", "MX", "PH"}


def family_kinds(country: str) -> set[str]:
    found = load_directory().find(country=country, professional=False)
    return {entry.kind for entry in found}


def test_there_are_25_verified_countries_and_each_has_a_directory_file() -> None:
    files = {path.stem.upper() for path in DEFAULT_DIRECTORY.glob("*.yaml")}

    assert len(VERIFIED) == 25
    assert set(VERIFIED) - files == set()


@pytest.mark.parametrize("country", VERIFIED)
def test_each_verified_country_offers_three_kinds_of_family_support(country: str) -> None:
    assert len(family_kinds(country)) >= 3, sorted(family_kinds(country))


def test_every_verified_country_but_the_known_gaps_has_a_professional_route() -> None:
    directory = load_directory()
    missing = {c for c in VERIFIED if not directory.find(country=c, professional=True)}

    assert missing == NO_PROFESSIONAL_ROUTE


def test_the_countries_without_a_family_group_of_their_own_are_the_known_gaps() -> None:
    directory = load_directory()
    missing = {
        c
        for c in VERIFIED
        if not [e for e in directory.find(country=c, professional=False) if not e.worldwide]
    }

    assert missing == NO_NATIONAL_FAMILY_GROUP


def test_a_professional_route_is_always_national_and_says_what_to_say() -> None:
    routes = [e for e in load_directory().entries if e.is_professional]

    assert [e.id for e in routes if e.worldwide] == []
    assert [e.id for e in routes if not e.what_to_say] == []


def test_a_regional_entry_names_its_region_in_the_listing() -> None:
    entry = load_directory().entry("cgg_flanders")
    assert entry is not None

    assert (entry.area, entry.regions) == (("BE",), ("Flanders",))


# Short numbers written in an entry's text, which the phone field cannot hold.
SHORT_NUMBERS = [
    ("fastlege_legevakt_no", "116 117"),
    ("terveysasema_116117_fi", "116117"),
    ("terveysasema_116117_fi", "112"),
    ("vardcentral_1177_se", "1177"),
    ("vardcentral_1177_se", "112"),
    ("centro_salute_mentale_it", "112"),
]


@pytest.mark.parametrize(("entry_id", "number"), SHORT_NUMBERS)
def test_a_short_number_in_an_entry_is_valid_for_its_country(entry_id: str, number: str) -> None:
    entry = load_directory().entry(entry_id)
    assert entry is not None
    (country,) = entry.area

    assert number in entry.summary
    assert shortnumberinfo.is_valid_short_number_for_region(
        phonenumbers.parse(number, country), country
    )
