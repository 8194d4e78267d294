"""How fast do the main pages render? Median of N requests through Django's test client.

    .venv/bin/python benchmarks/pages.py [--repeats 30]

Uses a throw-away SQLite database with the demo circles (make demo's data).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
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
    call_command("demo", stdout=StringIO())
    from porchlight.circles.models import Circle

    client = Client()
    client.post(
        "/accounts/login/", {"username": "demo@porchlight.example", "password": "porchlight-demo"}
    )
    theo = Circle.objects.get(name="Theo")
    pages = {
        "circle home": f"/c/{theo.id}/",
        "understand (map + playbook)": f"/c/{theo.id}/understand/",
        "learn library": "/learn/",
        "learn article": "/learn/craft/",
        "get help now (GB)": "/help/gb/",
        "safety plan": f"/c/{theo.id}/safety-plan/",
        "journal": f"/c/{theo.id}/journal/",
    }
    print(f"median of {args.repeats} requests each, whole view incl. template (ms)")
    for name, url in pages.items():
        client.get(url)  # warm caches (content files are loaded once per process)
        samples = []
        for _ in range(args.repeats):
            begin = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {name:30} {statistics.median(samples):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
