"""Crisis-line directory: every entry well-formed, recently verified, seed errors fixed.

These tests touch no database and no Django settings; they also run with
``pytest -p no:django --noconftest tests/safety/test_helplines.py``.

Freshness is checked against today's date: every ``verified_at`` must be in the past
and less than a year old (on 2026-11-21, when the data was verified, that means no
older than 2025-11-21). When this starts failing, re-verify the entries, don't
bump the dates.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from porchlight.content import crisis_lines as helplines
from porchlight.content.crisis_lines import (
    ADULT_SERVICES,
    AUDIENCES,
    DEFAULT_PATH,
    Contact,
    CountryDirectory,
    Helpline,
    HelplineDataError,
    countries,
    get_country,
    load_directory,
)
from porchlight.content.reader import ContentDataError
from tests.readability import fk_grade

TODAY = dt.date.today()
OLDEST_ALLOWED = TODAY - dt.timedelta(days=365)
REQUIRED_COUNTRIES = {"US", "CA", "GB", "IE", "AU", "NZ", "IN"}
# Every verified country but two has a national domestic-violence line: Canada (one
# provincial line confirmed, British Columbia's) and Mexico (its national "Línea de las
# Mujeres" 079 is confirmed only by the press). Both say so plainly (domestic_violence_gap).
DV_MISSING = {"CA", "MX"}
DV_REQUIRED = set(load_directory()) - DV_MISSING

DIRECTORY = load_directory()
ALL_LINES: list[tuple[CountryDirectory, Helpline]] = [
    (country, line) for country in DIRECTORY.values() for line in country.all_lines
]
ALL_CONTACTS: list[tuple[CountryDirectory, Helpline, Contact]] = [
    (country, line, contact) for country, line in ALL_LINES for contact in line.contacts
]
PHONE_CONTACTS = [item for item in ALL_CONTACTS if item[2].method in ("phone", "text")]
FULL_NUMBERS = [item for item in PHONE_CONTACTS if item[2].e164 is not None]
SHORT_CODES = [item for item in PHONE_CONTACTS if item[2].e164 is None]


def _line_id(item: tuple) -> str:
    return item[1].id


def _contact_id(item: tuple) -> str:
    return f"{item[1].id}:{item[2].dial or item[2].url}"


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def line(line_id: str) -> Helpline:
    for _, candidate in ALL_LINES:
        if candidate.id == line_id:
            return candidate
    raise AssertionError(f"no line {line_id}")


# --- coverage -----------------------------------------------------------------------------


def test_at_least_25_countries() -> None:
    assert len(DIRECTORY) >= 25


def test_required_countries_present() -> None:
    assert set(DIRECTORY) >= REQUIRED_COUNTRIES


def test_domestic_violence_lines_for_required_countries() -> None:
    for code in DV_REQUIRED:
        assert DIRECTORY[code].domestic_violence, code


def test_every_country_has_a_national_violence_line_or_says_it_has_none() -> None:
    for code, country in DIRECTORY.items():
        national = [line for line in country.domestic_violence if line.region is None]
        assert national or country.domestic_violence_gap is not None, code
    assert {
        code for code, country in DIRECTORY.items() if country.domestic_violence_gap
    } == DV_MISSING


def test_canada_says_there_is_no_national_violence_line_and_gives_british_columbias() -> None:
    canada = DIRECTORY["CA"]
    gap = canada.domestic_violence_gap

    assert gap is not None
    assert gap.text.startswith("Canada has no single national domestic-violence line")
    assert "call 911" in gap.text
    assert gap.source == "https://www.justice.gc.ca/eng/cj-jp/fv-vf/help-aide.html"
    assert [line.id for line in canada.domestic_violence] == ["ca-victimlinkbc"]
    victimlink = canada.domestic_violence[0]
    assert victimlink.region == "British Columbia"
    assert victimlink.contacts[0].href == "tel:+18005630808"
    assert victimlink.contacts[0].display == "Call 1 800 563-0808"
    assert phonenumbers.is_valid_number_for_region(phonenumbers.parse("+18005630808"), "CA")
    assert (victimlink.source_host, victimlink.secondary_source_host) == (
        "news.gov.bc.ca",
        "news.gov.bc.ca",
    )


def test_mexico_says_plainly_it_has_no_confirmed_violence_line() -> None:
    mexico = DIRECTORY["MX"]

    assert mexico.domestic_violence == ()
    assert mexico.domestic_violence_gap is not None
    assert mexico.domestic_violence_gap.text.startswith(
        "We could not confirm a national domestic-violence line for Mexico"
    )
    assert "call 911" in mexico.domestic_violence_gap.text
    assert mexico.domestic_violence_gap.source_host == "gob.mx"


def test_gap_notes_are_plain_sourced_and_recent() -> None:
    for code in DV_MISSING:
        gap = DIRECTORY[code].domestic_violence_gap
        assert gap is not None
        assert fk_grade(gap.text) <= 8, code
        assert "committed suicide" not in gap.text.lower()
        assert gap.source.startswith("https://")
        assert OLDEST_ALLOWED <= gap.verified_at <= TODAY, code


def test_every_file_is_loaded_and_named_after_its_country() -> None:
    files = sorted(DEFAULT_PATH.glob("*.yaml"))
    countries = {file.stem.upper() for file in files if file.name != "emergency_numbers.yaml"}
    assert countries == set(DIRECTORY)
    for code, country in DIRECTORY.items():
        assert country.code == code
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert code in phonenumbers.SUPPORTED_REGIONS


@pytest.mark.parametrize("code", sorted(DIRECTORY))
def test_each_country_has_emergency_number_and_a_crisis_line(code: str) -> None:
    country = DIRECTORY[code]
    assert country.name.strip()
    assert re.fullmatch(r"\d{2,6}", country.emergency.number)
    assert all(re.fullmatch(r"\d{2,6}", extra) for extra in country.emergency.also)
    assert country.emergency.href == f"tel:{country.emergency.number}"
    assert country.lines, "at least one crisis line"
    # Someone in crisis must be able to call or text, not only chat.
    assert any(c.method in ("phone", "text") for line in country.lines for c in line.contacts)


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("item", FULL_NUMBERS, ids=_contact_id)
def test_full_numbers_are_valid_e164_for_the_country_and_match_the_dial_string(item) -> None:
    country, _, contact = item
    assert re.fullmatch(r"\+[1-9]\d{6,14}", contact.e164)
    parsed = phonenumbers.parse(contact.e164, None)
    assert phonenumbers.is_valid_number(parsed)
    # North American toll-free numbers (1 800...) are shared by the US and Canada, so
    # region_code_for_number says "US" for a Canadian 1 800 line: check the region directly.
    assert phonenumbers.is_valid_number_for_region(parsed, country.code)
    assert country.code in phonenumbers.region_codes_for_country_code(parsed.country_code)
    national = phonenumbers.national_significant_number(parsed)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country.code)
    prefix = metadata.national_prefix or ""
    assert _digits(contact.dial) in {national, prefix + national}, (contact.dial, contact.e164)
    assert re.fullmatch(r"[\d -]+", contact.dial)


@pytest.mark.parametrize("item", SHORT_CODES, ids=_contact_id)
def test_short_codes_have_no_e164_and_are_short_digit_strings(item) -> None:
    _, _, contact = item
    assert contact.e164 is None
    assert re.fullmatch(r"\d+( \d+)*", contact.dial), contact.dial
    assert len(_digits(contact.dial)) <= 6


def test_no_fake_international_short_codes_anywhere() -> None:
    """The seed wrote short codes as '+1988', '+44116123'...; none of those may survive."""
    for country, _, contact in PHONE_CONTACTS:
        if contact.e164 is None:
            continue
        code = str(phonenumbers.country_code_for_region(country.code))
        rest = contact.e164.removeprefix("+").removeprefix(code)
        assert len(rest) > 6, f"{contact.e164} looks like a short code with a country prefix"


# --- sources and freshness -------------------------------------------------------------------


@pytest.mark.parametrize("item", ALL_LINES, ids=_line_id)
def test_every_line_has_an_https_source_and_a_recent_verification(item) -> None:
    _, entry = item
    assert entry.source.startswith("https://")
    assert entry.source_host
    assert "/" not in entry.source_host
    assert isinstance(entry.verified_at, dt.date)
    assert OLDEST_ALLOWED <= entry.verified_at <= TODAY
    if entry.website:
        assert entry.website.startswith("https://")


@pytest.mark.parametrize("code", sorted(DIRECTORY))
def test_every_emergency_number_has_an_https_source_and_a_recent_verification(code: str) -> None:
    emergency = DIRECTORY[code].emergency
    assert emergency.source.startswith("https://")
    assert OLDEST_ALLOWED <= emergency.verified_at <= TODAY


@pytest.mark.parametrize("item", ALL_LINES, ids=_line_id)
def test_line_metadata_is_well_formed(item) -> None:
    country, entry = item
    assert entry.id.startswith(country.code.lower() + "-")
    assert entry.name.strip()
    assert entry.serves
    assert set(entry.serves) <= AUDIENCES
    assert entry.languages
    assert all(re.fullmatch(r"[a-z]{2,3}", lang) for lang in entry.languages)
    if entry.kind == "domestic_violence":
        assert "domestic_violence" in entry.serves


def test_no_duplicate_ids() -> None:
    ids = [entry.id for _, entry in ALL_LINES]
    assert len(ids) == len(set(ids))


# --- links and display ---------------------------------------------------------------------


@pytest.mark.parametrize("item", ALL_CONTACTS, ids=_contact_id)
def test_hrefs_are_well_formed(item) -> None:
    _, _, contact = item
    href = contact.href
    if contact.method == "chat":
        assert href == contact.url
        assert href.startswith("https://")
        assert contact.display.startswith("Chat online at ")
        return
    target = contact.e164 or _digits(contact.dial)
    if contact.method == "phone":
        assert re.fullmatch(r"tel:\+?\d+", href), href
        assert href == f"tel:{target}"
        assert contact.display.startswith(("Call ", "Call or text "))
    else:
        assert re.fullmatch(r"sms:\+?\d+(\?&body=[A-Za-z0-9]+)?", href), href
        expected = f"sms:{target}" + (f"?&body={contact.keyword}" if contact.keyword else "")
        assert href == expected
        assert contact.display.startswith("Text ")
    # What the person reads is the provider's own grouping, with exactly the digits dialled.
    assert contact.dial in contact.display
    if contact.e164:
        parsed = phonenumbers.parse(contact.e164, None)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        assert _digits(contact.dial).lstrip("1") == _digits(national).lstrip("1")


def test_full_number_display_uses_the_providers_grouping() -> None:
    refuge = line("gb-national-domestic-abuse-helpline").contacts[0]
    assert refuge.display == "Call 0808 2000 247"
    assert refuge.href == "tel:+448082000247"
    lifeline_text = line("au-lifeline").contacts[1]
    assert lifeline_text.display == "Text 0477 13 11 14"
    assert lifeline_text.href == "sms:+61477131114"


# --- regressions for the seed's known errors --------------------------------------------------


def test_us_988_is_call_or_text_988_not_the_legacy_800_number() -> None:
    lifeline = line("us-988-lifeline")
    phone = lifeline.contacts[0]
    assert phone.dial == "988"
    assert phone.e164 is None
    assert phone.display == "Call or text 988"
    assert phone.href == "tel:988"
    assert phone.text_href == "sms:988"
    everything = " ".join(c.href + c.display for c in lifeline.contacts)
    assert "273" not in everything
    assert "+1988" not in everything


def test_crisis_text_line_is_text_home_to_741741() -> None:
    contact = line("us-crisis-text-line").contacts[0]
    assert contact.method == "text"
    assert contact.e164 is None
    assert contact.display == "Text HOME to 741741"
    assert contact.href == "sms:741741?&body=HOME"


def test_gb_samaritans_is_116_123() -> None:
    contact = line("gb-samaritans").contacts[0]
    assert (contact.dial, contact.e164) == ("116 123", None)
    assert contact.display == "Call 116 123"
    assert contact.href == "tel:116123"


def test_gb_shout_is_text_shout_to_85258() -> None:
    contact = line("gb-shout").contacts[0]
    assert contact.e164 is None
    assert contact.display == "Text SHOUT to 85258"
    assert contact.href == "sms:85258?&body=SHOUT"


def test_gb_emergency_is_999() -> None:
    assert DIRECTORY["GB"].emergency.number == "999"


def test_fr_3114_is_dialled_as_3114() -> None:
    contact = line("fr-3114").contacts[0]
    assert (contact.dial, contact.e164) == ("3114", None)
    assert contact.href == "tel:3114"
    assert contact.display == "Call 3114"


def test_ca_988_is_call_or_text() -> None:
    contact = line("ca-988-suicide-crisis-helpline").contacts[0]
    assert (contact.dial, contact.e164) == ("988", None)
    assert contact.display == "Call or text 988"
    assert contact.href == "tel:988"


def test_other_seed_short_codes_are_dial_strings() -> None:
    for line_id, dial in [
        ("in-tele-manas", "14416"),
        ("br-cvv-188", "188"),
        ("kr-109", "109"),
        ("au-lifeline", "13 11 14"),
    ]:
        contact = line(line_id).contacts[0]
        assert (contact.dial, contact.e164) == (dial, None), line_id
        assert contact.href == f"tel:{_digits(dial)}"


def test_seed_bogus_numbers_are_gone() -> None:
    bogus = {
        "+1741741",
        "+44116123",
        "+4485258",
        "+55188",
        "+82109",
        "+1988",
        "+9114416",
        "+62119",
        "+33333114",
        "+18002738255",
    }
    used = {contact.e164 for _, _, contact in PHONE_CONTACTS if contact.e164}
    assert not bogus & used


def test_domestic_violence_lines_added_in_the_second_review() -> None:
    expected = {
        "es-016": "016",
        "it-1522": "1522",
        "se-kvinnofridslinjen": "020 50 50 50",
        "nl-veilig-thuis": "0800 2000",
        "at-frauenhelpline": "0800 222 555",
        "pl-niebieska-linia": "800 120 002",
        "fi-nollalinja": "080 005 005",
        "no-vo-linjen": "116 006",
        "pt-violencia-domestica": "800 202 148",
        "jp-dv-soudan-plus": "0120 279 889",
        "kr-women-1366": "1366",
        "br-ligue-180": "180",
        "za-gbv-command-centre": "0800 428 428",
        "in-women-helpline-181": "181",
        "be-ecoute-violences-conjugales": "0800 30 030",
    }
    for line_id, dial in expected.items():
        found = line(line_id)
        assert found.kind == "domestic_violence"
        assert found.contacts[0].dial == dial
        assert found.verified_at >= dt.date(2026, 12, 1)


@pytest.mark.parametrize("item", SHORT_CODES, ids=_contact_id)
def test_short_codes_are_possible_short_numbers_for_their_country(item) -> None:
    country, line_, contact = item
    if line_.id == "ph-ncmh-crisis-hotline":
        pytest.skip("1553 is not in phonenumbers' Philippine metadata; its 11-digit numbers are")
    number = phonenumbers.parse(_digits(contact.dial), country.code)
    assert shortnumberinfo.is_possible_short_number_for_region(number, country.code)


def test_new_domestic_violence_short_codes_are_known_to_phonenumbers() -> None:
    for code, dial in [("ES", "016"), ("IT", "1522"), ("BR", "180"), ("KR", "1366"),
                       ("IN", "181"), ("BE", "1712")]:  # fmt: skip
        number = phonenumbers.parse(dial, code)
        assert shortnumberinfo.is_valid_short_number_for_region(number, code), (code, dial)


def test_addiction_lines_say_they_are_not_crisis_lines() -> None:
    samhsa = line("us-samhsa-national-helpline")
    assert samhsa.kind == "addiction"
    assert samhsa.contacts[0].e164 == "+18006624357"
    assert samhsa.notes.startswith("Not a crisis line")
    for _, found in ALL_LINES:
        if found.kind == "addiction":
            assert "not a crisis line" in (found.notes or "").lower(), found.id


def test_addiction_lines_added_in_the_third_review() -> None:
    expected = {
        "us-samhsa-national-helpline": ("US", "+18006624357"),
        "ie-hse-drugs-alcohol-helpline": ("IE", "+3531800459459"),
        "au-national-alcohol-other-drug-hotline": ("AU", "+611800250015"),
        "nz-alcohol-drug-helpline": ("NZ", "+64800787797"),
    }
    found = {
        entry.id: (country.code, entry.contacts[0].e164)
        for country, entry in ALL_LINES
        if entry.kind == "addiction"
    }
    assert found == expected
    nz_text = line("nz-alcohol-drug-helpline").contacts[1]
    assert (nz_text.display, nz_text.href) == ("Text 8681", "sms:8681")


def test_philippine_violence_line_is_911_from_the_social_welfare_department() -> None:
    vawc = line("ph-911-vawc")
    assert vawc.kind == "domestic_violence"
    assert (vawc.contacts[0].display, vawc.contacts[0].href) == ("Call 911", "tel:911")
    assert vawc.source_host == "dswd.gov.ph"
    assert vawc.helps_people_worried_about_someone


def test_south_african_violence_line_now_cites_the_command_centre_itself() -> None:
    gbv = line("za-gbv-command-centre")
    assert (gbv.source_host, gbv.secondary_source_host) == ("gbv.org.za", "einpresswire.com")


def test_adult_services_for_older_or_vulnerable_adults() -> None:
    found = {
        code: [(entry.id, entry.service) for entry in DIRECTORY[code].adult_services]
        for code in ("US", "GB", "IE", "AU", "NZ")
    }
    assert found == {
        "US": [
            ("us-eldercare-locator", "eldercare_information"),
            ("us-adult-protective-services", "adult_protection"),
        ],
        "GB": [
            ("gb-council-adult-social-care", "adult_social_care"),
            ("gb-scottish-fire-home-safety-visit", "fire_home_safety"),
        ],
        "IE": [("ie-hse-safeguarding-protection-teams", "adult_protection")],
        "AU": [("au-1800-elderhelp", "elder_abuse")],
        "NZ": [("nz-elder-abuse-response-service", "elder_abuse")],
    }
    for _, entry in ALL_LINES:
        if entry.kind == "adult_services":
            assert entry.service in ADULT_SERVICES
            assert {"older_adults", "vulnerable_adults"} & set(entry.serves), entry.id
            # A local service is a link only; every other one has a number to call.
            assert entry.contacts or entry.website, entry.id


def test_a_local_service_is_a_link_without_a_number() -> None:
    aps = line("us-adult-protective-services")
    assert aps.contacts == ()
    assert aps.website == "https://www.napsa-now.org/"
    assert aps.website_host == "napsa-now.org"
    council = line("gb-council-adult-social-care")
    assert (council.contacts, council.website) == ((), "https://www.gov.uk/find-local-council")


@pytest.mark.parametrize("item", [i for i in ALL_LINES if i[1].secondary_source], ids=_line_id)
def test_secondary_sources_are_https_and_differ_from_the_source(item) -> None:
    _, entry = item
    assert entry.secondary_source.startswith("https://")
    assert entry.secondary_source != entry.source


def test_worried_about_someone_only_where_declared() -> None:
    # Spot checks for lines whose sources say they help people worried about someone else.
    for line_id in ["us-988-lifeline", "ca-988-suicide-crisis-helpline", "fr-3114"]:
        assert line(line_id).helps_people_worried_about_someone, line_id
    assert not line("gb-samaritans").helps_people_worried_about_someone


# --- lookup API ----------------------------------------------------------------------------


def test_get_country_is_case_insensitive() -> None:
    assert get_country("gb") is DIRECTORY["GB"]
    assert get_country(" Us ") is DIRECTORY["US"]
    assert get_country("zz") is None
    assert get_country("") is None
    assert get_country(None) is None


def test_countries_sorted_by_name() -> None:
    names = [country.name for country in countries()]
    assert names == sorted(names, key=str.casefold)
    assert len(names) == len(DIRECTORY)


def test_load_directory_is_cached() -> None:
    assert load_directory() is load_directory()


def test_dataclasses_are_frozen() -> None:
    contact = line("gb-samaritans").contacts[0]
    with pytest.raises(AttributeError):
        contact.dial = "999"  # type: ignore[misc]


# --- validation errors name the file and field ----------------------------------------------

# Every file needs a national domestic-violence line or a note saying there is none; the
# minimal file carries the note so that the tests below can change one thing at a time.
GAP = """\
domestic_violence_gap:
  text: There is no national line.
  source: https://example.org/gap
  verified_at: 2026-11-21
"""
VALID_GB = (
    """\
country: GB
name: United Kingdom
emergency:
  number: "999"
  source: https://example.org/999
  verified_at: 2026-11-21
"""
    + GAP
    + """\
lines:
  - id: gb-test
    name: Test line
    for: [suicide]
    contacts:
      - {method: phone, dial: "116 123", e164: null}
    languages: [en]
    source: https://example.org/line
    verified_at: 2026-11-21
"""
)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _load_error(tmp_path: Path, text: str, name: str = "gb.yaml") -> HelplineDataError:
    _write(tmp_path, name, text)
    with pytest.raises(HelplineDataError) as caught:
        load_directory(tmp_path)
    return caught.value


def test_valid_minimal_file_loads(tmp_path: Path) -> None:
    _write(tmp_path, "gb.yaml", VALID_GB)
    loaded = load_directory(tmp_path)
    assert loaded["GB"].lines[0].contacts[0].href == "tel:116123"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('dial: "116 123", e164: null', 'dial: "988", e164: "+1988"', "e164"),
        ('dial: "116 123", e164: null', 'dial: "0808 2000 248", e164: "+448082000247"', "dial"),
        ('dial: "116 123", e164: null', 'dial: "0800 1234 5678"', "e164"),
        ('dial: "116 123", e164: null', 'dial: "0808 2000 247", e164: null', "dial"),
        ('dial: "116 123", e164: null', 'dial: "116-123", e164: null', "dial"),
        ("source: https://example.org/line", "source: http://example.org/line", "source"),
        ("verified_at: 2026-11-21\n", "verified_at: soon\n", "verified_at"),
        ("for: [suicide]", "for: [everyone]", "for[0]"),
        ("id: gb-test", "id: us-test", "id"),
        ("method: phone", "method: fax", "method"),
        ('number: "999"', "number: 999", "emergency.number"),
        ("languages: [en]", "languages: [English]", "languages[0]"),
    ],
)
def test_bad_entries_raise_with_file_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    assert old in VALID_GB
    error = _load_error(tmp_path, VALID_GB.replace(old, new, 1))
    assert error.file == "gb.yaml"
    assert field in error.field
    assert "gb.yaml" in str(error)


ADULT_GB = """\
adult_services:
  - id: gb-council
    name: Council
    service: adult_social_care
    for: [older_adults]
    website: https://example.org/council
    languages: [en]
    source: https://example.org/council
    verified_at: 2026-11-21
"""


def test_an_adult_service_may_be_a_link_only(tmp_path: Path) -> None:
    _write(tmp_path, "gb.yaml", VALID_GB + ADULT_GB)
    council = load_directory(tmp_path)["GB"].adult_services[0]
    assert (council.contacts, council.kind, council.service) == (
        (),
        "adult_services",
        "adult_social_care",
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("    website: https://example.org/council\n", "", "adult_services[0].website", "required"),
        ("service: adult_social_care", "service: meals", "adult_services[0].service", "meals"),
        ("for: [older_adults]", "for: [elderly]", "adult_services[0].for[0]", "elderly"),
        ("    languages:", "    secondary_source: http://x.org\n    languages:",
         "adult_services[0].secondary_source", "https"),
    ],
)  # fmt: skip
def test_bad_adult_services_raise_with_file_and_field(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    assert old in ADULT_GB
    error = _load_error(tmp_path, VALID_GB + ADULT_GB.replace(old, new, 1))
    assert (error.file, error.field) == ("gb.yaml", field)
    assert message in error.message
    assert str(error).startswith(f"gb.yaml: {field}: ")


REGIONAL_ONLY = (
    VALID_GB.replace(GAP, "")
    + """\
domestic_violence:
  - id: gb-regional
    name: Regional line
    region: Wales
    for: [domestic_violence]
    contacts:
      - {method: phone, dial: "0808 2000 247", e164: "+448082000247"}
    languages: [en]
    source: https://example.org/regional
    verified_at: 2026-11-21
"""
)


def test_no_violence_line_and_no_gap_note_is_an_error(tmp_path: Path) -> None:
    error = _load_error(tmp_path, VALID_GB.replace(GAP, ""))

    assert error.field == "domestic_violence_gap"


def test_only_regional_violence_lines_need_a_gap_note(tmp_path: Path) -> None:
    error = _load_error(tmp_path, REGIONAL_ONLY)

    assert error.field == "domestic_violence_gap"
    assert "no domestic-violence line serves the whole country" in error.message


def test_a_regional_line_with_a_gap_note_loads(tmp_path: Path) -> None:
    _write(tmp_path, "gb.yaml", REGIONAL_ONLY + GAP)
    loaded = load_directory(tmp_path)["GB"]

    assert loaded.domestic_violence[0].region == "Wales"
    assert loaded.domestic_violence_gap is not None
    assert loaded.domestic_violence_gap.text == "There is no national line."
    assert loaded.has_violence_help


def test_a_gap_note_needs_an_https_source(tmp_path: Path) -> None:
    error = _load_error(
        tmp_path, REGIONAL_ONLY + GAP.replace("https://example.org/gap", "http://example.org/gap")
    )

    assert error.field == "domestic_violence_gap.source"


def test_a_crisis_line_still_needs_contacts(tmp_path: Path) -> None:
    text = re.sub(r"    contacts:\n      - .*\n", "    website: https://example.org/x\n", VALID_GB)
    error = _load_error(tmp_path, text)
    assert error.field == "lines[0].contacts"


def test_the_error_is_a_content_error(tmp_path: Path) -> None:
    error = _load_error(tmp_path, VALID_GB.replace("for: [suicide]", "for: [everyone]"))
    assert isinstance(error, ContentDataError)
    assert str(error).startswith("gb.yaml: lines[0].for[0]: unknown audience 'everyone'")


def test_missing_emergency_is_an_error(tmp_path: Path) -> None:
    text = re.sub(r"emergency:\n(  .*\n)+", "", VALID_GB)
    error = _load_error(tmp_path, text)
    assert error.field == "emergency"


def test_unknown_keys_are_errors(tmp_path: Path) -> None:
    error = _load_error(
        tmp_path, VALID_GB.replace("    languages:", "    langauges: [en]\n    languages:")
    )
    assert "langauges" in error.message


def test_file_name_must_match_country(tmp_path: Path) -> None:
    error = _load_error(tmp_path, VALID_GB, name="ie.yaml")
    assert error.file == "ie.yaml"
    assert error.field == "country"


def test_duplicate_ids_are_an_error(tmp_path: Path) -> None:
    # Ids carry the file's country prefix, so a duplicate can only be within one file.
    copy = (
        "  - id: gb-test\n"
        "    name: Copy\n"
        "    for: [suicide]\n"
        "    contacts:\n"
        '      - {method: phone, dial: "999", e164: null}\n'
        "    languages: [en]\n"
        "    source: https://example.org/copy\n"
        "    verified_at: 2026-11-21\n"
    )
    error = _load_error(tmp_path, VALID_GB + copy)
    assert "duplicate id" in error.message
    assert error.file == "gb.yaml"


def test_unquoted_norway_is_caught(tmp_path: Path) -> None:
    text = VALID_GB.replace("country: GB", "country: NO").replace("id: gb-test", "id: no-test")
    error = _load_error(tmp_path, text, name="no.yaml")
    assert error.field == "country"


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(HelplineDataError):
        load_directory(tmp_path)


def test_module_exports() -> None:
    for name in helplines.__all__:
        assert hasattr(helplines, name)
