"""Counts for the fuzz suite, printed as one line at the end of the run."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class FuzzStats:
    seed: int = 0
    examples: int = 0
    forms: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)

    def count(self, status: int) -> None:
        self.statuses[status] += 1


STATS = FuzzStats()


@pytest.fixture(autouse=True)
def _timed(django_db_setup: None) -> Iterator[None]:
    """Time each fuzz test, after the test database exists (made once per run)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    STATS.seconds += time.perf_counter() - wall
    STATS.cpu_seconds += time.process_time() - cpu


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not STATS.examples:
        return

    statuses = ", ".join(f"{n} x {code}" for code, n in sorted(STATS.statuses.items()))
    terminalreporter.write_line(
        f"fuzz: seed {STATS.seed}, {STATS.examples} examples, {sum(STATS.statuses.values())} "
        f"requests to {STATS.forms} forms and every URL, in {STATS.seconds:.0f} s "
        f"({STATS.cpu_seconds:.0f} s CPU); responses {statuses}. "
        f"Replay with PORCHLIGHT_FUZZ_SEED={STATS.seed}."
    )
