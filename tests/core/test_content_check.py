from __future__ import annotations

from porchlight import checks


def test_shipped_content_passes_the_start_up_check() -> None:
    assert checks.content_is_valid() == []
