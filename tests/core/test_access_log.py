"""`porchlight serve`: its logs hold no query strings or tokens, and DEBUG is said plainly.

Starts `porchlight serve` (Gunicorn) on a free loopback port, makes requests
that carry secrets in the query string, the path and the Referer, stops the
server and reads everything it wrote.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from porchlight.cli import is_loopback

ROOT = Path(__file__).resolve().parents[2]
SEARCH_WORDS = "bottlesunderthesink"
INVITE_TOKEN = "invitetokenQ7pL2x9Zr4Kc"
RESET_TOKEN = "c3k5-resettoken8d1f2a0b9c"
FEED_TOKEN = "feedtokenW3nV8bY1tG6s"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    unset = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return {**base, "PORCHLIGHT_DATA_DIR": str(data_dir), "PORCHLIGHT_ENV": "development", **extra}


def get(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310  (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped: {server.communicate()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not start within 60 s")


@pytest.fixture(scope="module")
def served_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    data_dir = tmp_path_factory.mktemp("serve")
    env = environment(data_dir)
    cli = [sys.executable, "-m", "porchlight.cli"]
    subprocess.run([*cli, "migrate", "--noinput"], env=env, cwd=ROOT, check=True, timeout=180,
                   capture_output=True)  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--workers", "1"],
        env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(port, server)
        base = f"http://127.0.0.1:{port}"
        statuses = [
            get(f"{base}/learn/?q={SEARCH_WORDS}"),
            get(f"{base}/invite/{INVITE_TOKEN}/", Referer=f"{base}/journal/?q={SEARCH_WORDS}"),
            get(f"{base}/accounts/password/reset/MQ/{RESET_TOKEN}/"),
            get(f"{base}/calendar/{FEED_TOKEN}.ics"),
            get(f"{base}/no-such-page/?q={SEARCH_WORDS}"),
        ]
        assert statuses == [200, 404, 200, 404, 404]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    return output


def test_the_access_log_holds_no_query_string_or_token(served_log: str) -> None:
    for secret in (SEARCH_WORDS, INVITE_TOKEN, RESET_TOKEN, FEED_TOKEN):
        assert secret not in served_log


def test_the_access_log_names_the_route_where_the_path_holds_a_token(served_log: str) -> None:
    requests = [line.split('"')[1] for line in served_log.splitlines() if '" ' in line]

    assert requests == [
        "GET /learn/ HTTP/1.1",
        "GET <circles:invitation.accept> HTTP/1.1",
        "GET <accounts:password_reset_confirm> HTTP/1.1",
        "GET <reminders:feed> HTTP/1.1",
        "GET /no-such-page/ HTTP/1.1",
    ]


def test_djangos_not_found_lines_name_the_route_too(served_log: str) -> None:
    assert "Not Found: <circles:invitation.accept>" in served_log
    assert "Not Found: <reminders:feed>" in served_log
    assert "Not Found: /no-such-page/" in served_log


def test_serve_says_plainly_that_debug_is_on(served_log: str) -> None:
    assert (
        "  DEBUG is on (development mode): error pages show code and settings.\n"
        "  That is fine on this computer only; never serve it to others like this.\n"
    ) in served_log


ALL_INTERFACES = "0.0.0.0"  # noqa: S104  (never bound: serve refuses before binding)


@pytest.mark.parametrize("host", [ALL_INTERFACES, "::", "192.0.2.10", "porchlight.example.org"])
def test_serve_with_debug_on_refuses_a_host_other_machines_reach(host: str, tmp_path: Path) -> None:
    env = environment(tmp_path, HOST=host, PORT=str(free_port()))

    result = subprocess.run(
        [sys.executable, "-m", "porchlight.cli", "serve"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 1
    assert f"Porchlight will not start: DEBUG is on and HOST={host} lets other machines" in (
        result.stderr
    )
    assert "Porchlight is running" not in result.stdout


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True),
     ("localhost", True), (ALL_INTERFACES, False), ("::", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts_are_recognised(host: str, loopback: bool) -> None:

    assert is_loopback(host) is loopback
