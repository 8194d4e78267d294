"""How fast is the journal timeline with 10,000 entries in one circle?

    .venv/bin/python benchmarks/journal.py [--entries 10000] [--repeats 30]

Builds a throw-away SQLite database (or uses DATABASE_URL, e.g. under
scripts/with_postgres.py), fills one circle, and times the timeline view
through Django's test client: the first page, a page deep in the history
(reached by its keyset cursor), and a text search. Prints medians in ms.
Set PORCHLIGHT_ENCRYPTION_KEYS to measure hosted mode, where free text is
encrypted at rest and search decrypts the circle's entries in Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("PORCHLIGHT_DATA_DIR", tempfile.mkdtemp(prefix="porchlight-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porchlight.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from porchlight.accounts.models import User
    from porchlight.circles import services
    from porchlight.core.actor import Actor
    from porchlight.journal import timeline
    from porchlight.journal.models import JournalEntry

    user = User.objects.create_user("bench@example.com", "bench password 123", display_name="B")
    circle = services.create_circle(
        by=Actor(user), name="Bench", relationship="partner", concerns=["alcohol"], country="US"
    )
    today = dt.date(2026, 11, 1)
    started = time.perf_counter()
    JournalEntry.objects.bulk_create(
        (
            JournalEntry(
                circle=circle,
                author=user,
                kind="conversation" if n % 3 else "small_victory",
                happened_on=today - dt.timedelta(days=n // 4),
                tension=1 + n % 5,
                happened=f"Entry {n}: we talked about {'money' if n % 7 == 0 else 'work'}.",
                tags=["money"] if n % 7 == 0 else [],
            )
            for n in range(args.entries)
        ),
        batch_size=1000,
    )
    print(f"{args.entries} entries created in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    base = f"/c/{circle.id}/journal/"
    deep_entry = JournalEntry.objects.order_by("-happened_on", "-created_at", "-id")[
        args.entries - 40
    ]
    deep = timeline.encode_cursor(deep_entry)

    def timed(query: dict[str, str]) -> float:
        samples = []
        for _ in range(args.repeats):
            begin = time.perf_counter()
            response = client.get(base, query)
            samples.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
        return statistics.median(samples)

    from porchlight.core import encryption

    engine = django.db.connection.vendor
    encrypted = "encrypted at rest" if encryption.enabled() else "stored as typed"
    print(f"database: {engine}, free text {encrypted}; median of {args.repeats} requests")
    print(f"  first page          {timed({}):7.1f} ms")
    print(f"  deep page (keyset)  {timed({'after': deep}):7.1f} ms")
    print(f"  search 'money'      {timed({'q': 'money'}):7.1f} ms")
    print(f"  filter kind+tag     {timed({'kind': 'conversation', 'tag': 'money'}):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
