"""How fast are the main pages, with DEBUG off, on the demo data?

    nice -n 10 .venv/bin/python benchmarks/pages.py [--repeats 50] [--seconds 3] [--threads 4]
    .venv/bin/python benchmarks/pages.py --profile "circle home"   # where one page's time goes
    PROFILE_CALLERS=reverse .venv/bin/python benchmarks/pages.py --profile journal  # who calls it

Production-like settings (PORCHLIGHT_ENV=production, DEBUG off, encryption keys set,
WhiteNoise with collected static files), a throw-away SQLite database holding the demo
circles (`make demo`'s data), signed in as the demo owner. It reports:

1. **Latency**: median and p95 of N requests per page through the whole middleware
   stack (Django's test client calls the same handler a server would; no network), in
   a process started as a server starts (`porchlight.wsgi` imported, so warmed up).
2. **First request**: a fresh process imports `porchlight.wsgi` (the app's start-up,
   warm-up included), serves over HTTP, and times the first request to each page.
3. **Throughput**: requests per second under concurrent load: an in-process threaded
   WSGI server (wsgiref) and a few client threads on keep-alive-less HTTP/1.0 requests,
   for each page and, in the same run, for a bare `HttpResponse` view behind the same
   middleware (what Django itself costs on this machine).

The machine's load matters: say what else was running when you quote the figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from io import StringIO
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_PATH = "/__bench__/bare/"
PAGES = {
    "circle home": "",
    "journal": "journal/",
    "progress": "progress/",
    "understand": "understand/",
    "talk (coach)": "talk/",
    "safety plan": "safety-plan/",
}


def _environment(data_dir: str) -> None:
    """Production-like settings the benchmark may set for itself (never a real secret)."""
    os.environ.update(
        {
            "PORCHLIGHT_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "porchlight.settings",
            "PORCHLIGHT_ENV": "production",
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-" + "x" * 60,
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_HOST": "localhost",  # required in production; nothing is sent
            "EMAIL_NOTIFICATIONS": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    # Encryption at rest on, as when hosted: a key kept with the throw-away database.
    key_file = Path(data_dir) / "bench_fernet_key"
    if not key_file.exists():
        from cryptography.fernet import Fernet

        key_file.write_text(Fernet.generate_key().decode())
    os.environ["PORCHLIGHT_ENCRYPTION_KEYS"] = key_file.read_text().strip()


def _add_bare_view() -> None:
    """A view that does nothing, mounted behind the same middleware as every page."""
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    from porchlight import urls

    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"ok", content_type="text/plain")

    urls.urlpatterns.append(path(BARE_PATH.strip("/") + "/", bare))


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 64


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(application: Any) -> tuple[WSGIServer, int]:
    server = make_server(
        "127.0.0.1", 0, application, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_port


def _get(port: int, url: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", url, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def _throughput(port: int, url: str, cookie: str, *, threads: int, seconds: float) -> float:
    done = [0] * threads
    failed: list[int] = []
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        while time.perf_counter() < stop:
            status = _get(port, url, cookie)
            if status != 200:
                failed.append(status)
                return
            done[index] += 1

    begin = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - begin
    if failed:
        raise SystemExit(f"{url} answered {failed[0]} under load")
    return sum(done) / elapsed


def _first_requests(cookie: str, urls: dict[str, str]) -> None:
    """Run in a fresh process: start the app as a server does, then time each first hit."""
    begin = time.perf_counter()
    from porchlight.wsgi import application  # the app's start-up, warm-up included

    started = time.perf_counter() - begin
    server, port = _serve(application)
    firsts = {}
    for name, url in urls.items():
        t0 = time.perf_counter()
        status = _get(port, url, cookie)
        firsts[name] = ((time.perf_counter() - t0) * 1000, status)
    t0 = time.perf_counter()
    _get(port, next(iter(urls.values())), cookie)
    again = (time.perf_counter() - t0) * 1000
    server.shutdown()
    print(json.dumps({"startup_s": started, "first_ms": firsts, "again_ms": again}))


def _profile(client: Any, url: str, repeats: int) -> None:
    """Where a page's time goes: cProfile over ``repeats`` requests, top functions."""
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    if os.environ.get("PROFILE_CALLERS"):
        stats.print_callers(os.environ["PROFILE_CALLERS"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=3.0, help="load per page")
    parser.add_argument("--threads", type=int, default=4, help="client threads under load")
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--first-request", default="", help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile", default="", choices=["", *PAGES], help="profile this page and stop"
    )
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="porchlight-bench-")
    _environment(data_dir)

    if args.first_request:  # the fresh process of step 2
        request = json.loads(args.first_request)
        _first_requests(request["cookie"], request["urls"])
        return 0

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    assert not settings.DEBUG
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("demo", "--allow-production", stdout=StringIO())
    _add_bare_view()
    import porchlight.wsgi  # noqa: F401  start up as a server does (warmup.py)
    from porchlight.circles.models import Circle
    from porchlight.journal.models import JournalEntry as Entry

    # The demo circle with the most journal entries: the heaviest pages.
    circle = max(Circle.objects.all(), key=lambda c: Entry.objects.filter(circle=c).count())
    urls = {name: f"/c/{circle.id}/{suffix}" for name, suffix in PAGES.items()}
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.post(
        "/accounts/login/",
        {"username": "demo@porchlight.example", "password": "porchlight-demo"},
        secure=True,
    )
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    entries = Entry.objects.filter(circle=circle).count()

    print(
        f"Demo circle {circle.name!r} ({entries} journal entries); DEBUG off, "
        f"encryption at rest on, SQLite; {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )

    if args.profile:
        _profile(client, urls[args.profile], args.repeats)
        return 0

    # 2. First request after start, in a fresh process.
    fresh = subprocess.run(
        [
            sys.executable,
            __file__,
            "--data-dir",
            data_dir,
            "--first-request",
            json.dumps({"cookie": cookie, "urls": urls}),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    first = json.loads(fresh.stdout.strip().splitlines()[-1])

    # 1. Latency through the test client.
    print(f"\nLatency: {args.repeats} requests per page, whole middleware stack (ms)")
    print(f"  {'page':16} {'median':>7} {'p95':>7} {'first after start':>18}")
    for name, url in [*urls.items(), ("bare view", BARE_PATH)]:
        assert client.get(url).status_code == 200, url  # this process's first hit
        samples = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        after_start = first["first_ms"].get(name)
        shown = f"{after_start[0]:.1f}" if after_start else ""
        print(f"  {name:16} {statistics.median(samples):7.1f} {p95:7.1f} {shown:>18}")
    print(
        f"  Fresh process: start-up (import porchlight.wsgi) {first['startup_s']:.2f} s; "
        f"pages requested in the order above; circle home again {first['again_ms']:.1f} ms"
    )

    # 3. Throughput under concurrent load, same process, same server.
    from django.core.wsgi import get_wsgi_application

    server, port = _serve(get_wsgi_application())
    print(f"\nThroughput: {args.threads} client threads, {args.seconds:.0f} s per page (req/s)")
    for name, url in [("bare view", BARE_PATH), *urls.items()]:
        _get(port, url, cookie)
        rate = _throughput(port, url, cookie, threads=args.threads, seconds=args.seconds)
        print(f"  {name:16} {rate:7.0f}")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
