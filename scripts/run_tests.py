"""The whole suite, as `make test` and CI run it.

1. Everything but the browser tests on SQLite, free text stored as typed.
2. Every test that uses the database (tests/database_selection.py picks them) on a
   real PostgreSQL server started for the run, set up as a host for many families
   would be: free text encrypted at rest with a fresh key. The plain-Python tests
   that never touch the database ran in stage 1 already.
3. The browser tests (headless Chromium through Playwright) on SQLite.

Each stage prints pytest's own summary; the script fails if any stage fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTEST = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"]

HOSTED = {"PORCHLIGHT_ENCRYPTION_KEYS": Fernet.generate_key().decode("ascii")}

STAGES = [
    ("SQLite", [*PYTEST, "-m", "not browser"], {}),
    (
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
    ),
    ("Browser (Chromium)", [*PYTEST, "-m", "browser"], {}),
]


def main() -> int:
    failed = []
    for name, command, env in STAGES:
        print(f"\n=== {name} ===", flush=True)
        started = time.monotonic()
        code = subprocess.run(command, cwd=ROOT, env={**os.environ, **env}).returncode
        verdict = "ok" if code == 0 else f"FAILED ({code})"
        print(f"--- {name}: {verdict} in {time.monotonic() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print("\nFailed stages: " + ", ".join(failed))
        return 1
    print("\nAll stages passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
