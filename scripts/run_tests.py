"""The whole suite, as `make test` and CI run it.

1. Everything but the browser tests on SQLite, free text stored as typed.
2. Every test that uses the database (tests/database_selection.py picks them) on a
   real PostgreSQL server started for the run, set up as a host for many families
   would be: free text encrypted at rest with a fresh key. The plain-Python tests
   that never touch the database ran in stage 1 already.
3. The browser tests (headless Chromium through Playwright) on SQLite.

The machine has two cores and each pytest run uses one, so the stages run in two
lanes side by side: stage 1 in one, stages 2 and then 3 in the other. Each stage's
output is written to a file and printed whole when the stage ends, so the log reads
stage by stage. The script fails if any stage fails.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTEST = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"]

# One key for the run, so the two lanes never race to create var/secret_key.
SHARED = {"SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64)}
HOSTED = {"PORCHLIGHT_ENCRYPTION_KEYS": Fernet.generate_key().decode("ascii")}

SQLITE = ("SQLite", [*PYTEST, "-m", "not browser"], {})
POSTGRES = (
    "PostgreSQL, text encrypted at rest",
    [
        sys.executable,
        str(ROOT / "scripts" / "with_postgres.py"),
        *PYTEST,
        "-m",
        "not browser",
        "--database-tests-only",
    ],
    HOSTED,
)
BROWSER = ("Browser (Chromium)", [*PYTEST, "-m", "browser"], {})
LANES = [[SQLITE], [POSTGRES, BROWSER]]

_print_lock = threading.Lock()
HEARTBEAT_SECONDS = 120


def run_stage(name: str, command: list[str], env: dict[str, str]) -> bool:
    started = time.monotonic()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        code = subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, **SHARED, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        ).returncode
        log.seek(0)
        verdict = "ok" if code == 0 else f"FAILED ({code})"
        with _print_lock:
            print(f"\n=== {name} ===", flush=True)
            sys.stdout.write(log.read())
            print(f"--- {name}: {verdict} in {time.monotonic() - started:.0f} s", flush=True)
    return code == 0


def main() -> int:
    started = time.monotonic()
    failed: list[str] = []

    def run_lane(stages: list[tuple[str, list[str], dict[str, str]]]) -> None:
        for name, command, env in stages:
            if not run_stage(name, command, env):
                failed.append(name)

    print(
        "Running side by side: " + " | ".join(" then ".join(s[0] for s in lane) for lane in LANES)
    )
    lanes = [threading.Thread(target=run_lane, args=(lane,)) for lane in LANES]
    for lane in lanes:
        lane.start()
    while running := [lane for lane in lanes if lane.is_alive()]:
        running[0].join(timeout=HEARTBEAT_SECONDS)
        if any(lane.is_alive() for lane in lanes):
            with _print_lock:
                print(f"... still running after {time.monotonic() - started:.0f} s", flush=True)
    total = f"in {time.monotonic() - started:.0f} s"
    if failed:
        print(f"\nFailed stages: {', '.join(failed)} ({total})")
        return 1
    print(f"\nAll stages passed ({total}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
