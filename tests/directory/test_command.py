from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.directory.test_catalogue import GOOD


def test_stale_says_nothing_is_due_today() -> None:
    out = StringIO()
    call_command("directory", "--stale", "--today", "2026-12-01", stdout=out)

    assert out.getvalue() == "Nothing is due for re-checking.\n"


def test_stale_lists_entries_and_legal_pages_a_year_on() -> None:
    out = StringIO()
    call_command("directory", "--stale", "--today", "2027-12-01", stdout=out)

    lines = out.getvalue().splitlines()
    assert any(line.startswith("gb.yaml\tadfam\tchecked 2026-12-01\t") for line in lines)
    assert "legal/england-wales.yaml\tengland-wales\treview by 2027-03-01" in lines


def test_validate_accepts_a_good_local_file(tmp_path: Path) -> None:
    path = tmp_path / "nz.yaml"
    path.write_text(GOOD)
    out = StringIO()
    call_command("directory", "--validate", str(path), stdout=out)

    assert out.getvalue() == "ok   nz.yaml: 1 entries\n"


def test_validate_names_the_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "nz.yaml"
    path.write_text(GOOD.replace("https://example.org/about", "http://example.org/about"))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("directory", "--validate", str(path), stderr=err, stdout=StringIO())
    assert "FAIL nz.yaml: entry 'example_group': source_url must start with https://" in (
        err.getvalue()
    )
