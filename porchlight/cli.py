"""`porchlight`: the project's one command.

- `porchlight serve` runs the web app (honours HOST, PORT, WEB_CONCURRENCY).
- `porchlight risk` reads JSON lines {"id","text"} and writes one risk result per line.
- `porchlight coach` does the same with conversation-coach feedback, or prints a
  readable report for a text given as arguments.
- Anything else is a Django management command (`porchlight migrate`, `porchlight demo`).
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys


def is_loopback(host: str) -> bool:
    """Whether HOST only listens on this computer (127.0.0.0/8, ::1 or localhost)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(argv: list[str]) -> None:
    from django.conf import settings
    from gunicorn.app.wsgiapp import run

    from porchlight.core.request_log import ACCESS_LOG_FORMAT

    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    production = os.environ.get("PORCHLIGHT_ENV", "development") == "production"
    shown_host = "[" + host + "]" if ":" in host else host
    if settings.DEBUG and not is_loopback(host):
        sys.exit(
            f"\n  Porchlight will not start: DEBUG is on and HOST={host} lets other machines\n"
            "  reach it. With DEBUG on, an error page shows the code and settings to whoever\n"
            "  caused it. Either keep it on this computer (HOST=127.0.0.1), or turn DEBUG off\n"
            "  (DEBUG=false, or PORCHLIGHT_ENV=production with its settings; see README).\n"
        )
    print(f"\n  Porchlight is running: open http://{shown_host}:{port}/ in your browser.")
    if settings.DEBUG:
        print(
            "  DEBUG is on (development mode): error pages show code and settings.\n"
            "  That is fine on this computer only; never serve it to others like this."
        )
    print("  Press Ctrl+C to stop.\n", flush=True)
    sys.argv = [
        "gunicorn",
        "porchlight.wsgi:application",
        "--bind",
        f"{shown_host}:{port}",
        "--workers",
        workers,
        "--access-logfile",
        "-",
        # No query strings, tokens or Referer in the access log (core/request_log.py).
        "--logger-class",
        "porchlight.core.request_log.AccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--log-level",
        "warning",
        *([] if production else ["--reload"]),
        *argv,
    ]
    run()


def risk(argv: list[str]) -> int:
    """JSON lines {"id","text"} in, {"id","level","categories","who","evidence"} out."""
    from porchlight.language.risk import analyse

    if argv:
        result = analyse(" ".join(argv)).to_dict()
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError) as error:
            print(f'line {number}: expected {{"id", "text"}}: {error}', file=sys.stderr)
            status = 2
            continue
        print(json.dumps({"id": item.get("id"), **analyse(text).to_dict()}, ensure_ascii=False))
        sys.stdout.flush()
    return status


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porchlight.settings")
    command = args[0] if args else "help"
    if command == "serve":
        serve(args[1:])
        return
    if command == "risk":
        sys.exit(risk(args[1:]))
    if command == "coach":
        from porchlight.language.coach import main as coach

        sys.exit(coach(args[1:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["porchlight", *args])


if __name__ == "__main__":
    main()
