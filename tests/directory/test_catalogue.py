from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import phonenumbers
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django_countries import countries

from porchlight.content import registry
from porchlight.directory import catalogue
from porchlight.directory.catalogue import (
    DEFAULT_DIRECTORY,
    GRACE_DAYS,
    WORLDWIDE,
    DirectoryError,
    load_directory,
    load_file,
    load_legal,
)
from porchlight.understand.engine import load_content

GOOD = """\
country: NZ
entries:
  - id: example_group
    name: Example Family Group
    kind: peer_carers
    audience: family
    concerns: [alcohol]
    formats: [online]
    cost: Free
    languages: [English]
    url: https://example.org/
    summary: A group for families.
    source_url: https://example.org/about
    source_kind: provider
    checked: 2026-01-05
    checked_by: A reviewer
    licence: Restated in our own words.
"""


def write(tmp_path: Path, text: str, name: str = "nz.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_well_formed_local_file_loads(tmp_path: Path) -> None:
    (entry,) = load_file(write(tmp_path, GOOD))

    assert (entry.id, entry.area, entry.kind_label) == (
        "example_group",
        ("NZ",),
        "Peer support for carers and families",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    source_url: https://example.org/about\n", ""), "source_url must be non-empty text"),
        (("https://example.org/about", "http://example.org/about"), "must start with https://"),
        (("checked: 2026-01-05", "checked: 2999-01-01"), "is in the future"),
        (("country: NZ", "country: XX"), "not an ISO 3166"),
        (("kind: peer_carers", "kind: tough_love"), "kind 'tough_love' is not one of"),
        (("concerns: [alcohol]", "concerns: [shopping]"), "concerns 'shopping' is not one of"),
        (("    licence: Restated in our own words.\n", ""), "licence must be non-empty text"),
        (("source_kind: provider", "source_kind: secondary"), "needs a note"),
        (("    cost: Free\n", "    cost: Free\n    phone: '123'\n"), "phone '123'"),
        (("    cost: Free\n", "    cost: Free\n    rating: 5\n"), "unknown field(s): rating"),
    ],
)
def test_a_broken_entry_fails_naming_the_file_and_entry(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(DirectoryError) as error:
        load_file(write(tmp_path, GOOD.replace(old, new, 1)))

    assert str(error.value).startswith("nz.yaml: ")
    assert message in str(error.value)


def test_a_country_file_must_be_named_for_its_country(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match=r"must be named nz\.yaml"):
        load_file(write(tmp_path, GOOD, name="new-zealand.yaml"))


def test_bad_yaml_fails_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match=r"^nz.yaml: not valid YAML"):
        load_file(write(tmp_path, "entries: [\n"))


def test_a_broken_directory_file_stops_start_up_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DEFAULT_DIRECTORY, tmp_path / "directory")
    write(tmp_path / "directory", GOOD.replace("https://example.org/", "ftp://x", 1))
    loaders = {loader.name: loader for loader in registry.loaders()}
    monkeypatch.setattr(registry, "CONTENT_ROOT", tmp_path)
    monkeypatch.setattr(
        registry,
        "_LOADERS",
        {"where-to-get-help directory": loaders["where-to-get-help directory"]},
    )

    with pytest.raises(SystemCheckError, match=r"where-to-get-help directory.*nz\.yaml"):
        call_command("check")


def test_every_shipped_url_is_https() -> None:
    entries = load_directory().entries
    urls = [u for e in entries for u in (e.url, e.finder_url, e.source_url) if u]
    urls += [u for page in load_legal().values() for _, u, *_ in (*page.statutes, *page.sources)]

    assert [u for u in urls if not u.startswith("https://")] == []


def test_every_shipped_entry_is_sourced_dated_and_not_overdue() -> None:
    today = dt.date.today()
    overdue = today - dt.timedelta(days=catalogue.REVIEW_DAYS + GRACE_DAYS)
    for entry in load_directory().entries:
        assert entry.source_url, entry.id
        assert entry.checked_by, entry.id
        assert entry.licence, entry.id
        assert overdue <= entry.checked <= today, f"{entry.file}: {entry.id} needs re-checking"
    for page in load_legal().values():
        assert page.sources, page.id
        assert page.statutes, page.id
        assert page.checked <= today, page.id
        assert page.review_by + dt.timedelta(days=GRACE_DAYS) >= today, page.id


def test_every_shipped_country_code_is_valid() -> None:
    codes = {c for e in load_directory().entries for c in e.area if c != WORLDWIDE}
    codes |= {page.country for page in load_legal().values()}

    assert codes - set(dict(countries)) == set()


def test_every_shipped_phone_number_is_valid_for_its_country() -> None:
    phones = [e for e in load_directory().entries if e.phone]
    assert phones  # the directory does list numbers, so this test can fail
    for entry in phones:
        number = phonenumbers.parse(entry.phone, entry.area[0])
        assert phonenumbers.is_valid_number_for_region(number, entry.area[0]), entry.id


def test_every_group_the_playbook_names_is_in_the_directory() -> None:
    directory = load_directory()
    named = [rule for rule in load_content().playbook.sections["support_groups"] if rule.url]

    assert [rule.id for rule in named if directory.entry(rule.id) is None] == []


def test_find_filters_by_country_and_concern() -> None:
    found = {e.id for e in load_directory().find(country="GB", concerns=["alcohol"])}

    assert {"adfam", "al_anon", "smart_uk_family_and_friends"} <= found
    assert "nami_family_to_family" not in found
    assert "family_drug_support" not in found
    assert "feast" not in found


def test_an_entry_needs_re_checking_after_the_review_period() -> None:
    entry = load_directory().entry("adfam")
    assert entry is not None

    assert not entry.needs_recheck(entry.checked + dt.timedelta(days=catalogue.REVIEW_DAYS))
    assert entry.needs_recheck(entry.checked + dt.timedelta(days=catalogue.REVIEW_DAYS + 1))


def test_stale_lists_only_entries_past_review() -> None:
    directory = load_directory()
    later = max(e.checked for e in directory.entries) + dt.timedelta(days=365)

    assert directory.stale(dt.date(2026, 12, 1)) == []
    assert len(directory.stale(later)) == len(directory.entries)
