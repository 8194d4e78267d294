"""How long a rehearsal reply takes, through the same service function the view calls.

    .venv/bin/python benchmarks/rehearse.py               # about half a minute
    .venv/bin/python benchmarks/rehearse.py --json out.json

A throw-away SQLite database (in a temporary PORCHLIGHT_DATA_DIR) is migrated,
one member and circle are created, and every scenario x personality is played
with three scripted supporters (roadblocks only, reflections only, MI-consistent)
through ``porchlight.rehearse.services.play_turn``: the coach reads the turn,
the risk check runs, the transition table moves the person, a reply is chosen
and the turn is saved in one transaction. Reported: median and 95th percentile
per turn, for the whole service call and for the engine alone
(``engine.take_turn``, no database). The coach model
and the risk lexicon are loaded before timing (their one-off load, about half a
second, is measured by benchmarks/coach.py and benchmarks/risk.py).
The target is a reply in under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["PORCHLIGHT_DATA_DIR"] = tempfile.mkdtemp(prefix="porchlight-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porchlight.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from porchlight.accounts.models import User  # noqa: E402
from porchlight.circles.services import create_circle  # noqa: E402
from porchlight.core import risk_watch  # noqa: E402
from porchlight.core.actor import Actor  # noqa: E402
from porchlight.rehearse import engine, services  # noqa: E402
from porchlight.rehearse.content import load_content  # noqa: E402
from tests.rehearse.scripts import MI_CONSISTENT, REFLECTIONS, ROADBLOCKS  # noqa: E402

TARGET_MS = 300.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = User.objects.create_user(email="bench@example.com", password="x" * 20)
    circle = create_circle(
        by=Actor(user), name="Sam", relationship="partner", concerns=[], country="US"
    )
    content = load_content()
    engine.read_turn("warm up the coach model")
    risk_watch.assess(["warm up the risk lexicon"])
    service_ms: list[float] = []
    engine_ms: list[float] = []
    for scenario in content.scenarios.values():
        for personality in scenario.personalities:
            for script in (ROADBLOCKS, REFLECTIONS, MI_CONSISTENT):
                session = services.start_session(
                    circle=circle,
                    by=Actor(user),
                    scenario_id=scenario.id,
                    personality_id=personality.id,
                    seed=1,
                )
                state = dict(session.state)
                for text in script:
                    started = time.perf_counter()
                    services.play_turn(session=session, by=Actor(user), text=text)
                    service_ms.append(1000 * (time.perf_counter() - started))
                    started = time.perf_counter()
                    result = engine.take_turn(
                        scenario=scenario, personality=personality, state=state, text=text, seed=1
                    )
                    engine_ms.append(1000 * (time.perf_counter() - started))
                    state = result.state
    figures = {
        "turns": len(service_ms),
        "service_median_ms": round(statistics.median(service_ms), 1),
        "service_p95_ms": round(percentile(service_ms, 0.95), 1),
        "service_max_ms": round(max(service_ms), 1),
        "engine_median_ms": round(statistics.median(engine_ms), 1),
        "engine_p95_ms": round(percentile(engine_ms, 0.95), 1),
        "target_ms": TARGET_MS,
    }
    figures["meets_target"] = figures["service_p95_ms"] < TARGET_MS
    print(f"Rehearsal replies over {figures['turns']} turns (SQLite, one process):")
    print(
        f"  play_turn (the view's service call): median {figures['service_median_ms']} ms, "
        f"p95 {figures['service_p95_ms']} ms, max {figures['service_max_ms']} ms"
    )
    print(
        f"  engine alone: median {figures['engine_median_ms']} ms, "
        f"p95 {figures['engine_p95_ms']} ms"
    )
    verdict = "met" if figures["meets_target"] else "NOT met"
    print(f"  target: under {TARGET_MS:.0f} ms -> {verdict}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
