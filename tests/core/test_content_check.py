from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from porchlight import checks
from porchlight.circles import sections


def test_shipped_content_passes_the_start_up_check() -> None:
    assert checks.content_is_valid() == []


def test_a_broken_content_file_stops_start_up_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "sections.yaml"
    broken.write_text("sections:\n  - slug: talk\n")
    real = sections.load_sections.__wrapped__
    monkeypatch.setattr(sections, "load_sections", lambda: real(broken))

    with pytest.raises(SystemCheckError, match="The circle sections could not be loaded"):
        call_command("check")
