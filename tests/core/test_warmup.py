"""Start-up loads what the first request would otherwise wait for (porchlight/warmup.py)."""

from __future__ import annotations

import gc

from porchlight.safety.triage import load_triage
from porchlight.warmup import warm_up


def test_warm_up_fills_the_content_caches_and_freezes_what_it_loaded() -> None:
    load_triage.cache_clear()

    warm_up()

    try:
        assert load_triage.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
