"""`porchlight`: the project's one command.

- `porchlight serve` runs the web app (honours HOST, PORT, WEB_CONCURRENCY).
- `porchlight risk` reads JSON lines {"id","text"} and writes one risk result per line.
- `porchlight coach` does the same with conversation-coach feedback, or prints a
  readable report for a text given as arguments. Both live in language/cli.py,
  with one error contract.
- `porchlight reflect` reads JSON lines {"id","prompt","reply"} and grades each reply
  as a reflection ({"id","quality","score","why"}), or prints a readable verdict for
  `--prompt "..." "reply"`. Same error contract.
- Anything else is a Django management command (`porchlight migrate`, `porchlight demo`).
"""

from __future__ import annotations

import ipaddress
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
    # Inside the function: settings are read only once main() has chosen them.
    from django.conf import settings  # noqa: PLC0415  read once main() has chosen the settings module
    from gunicorn.app.wsgiapp import run  # noqa: PLC0415  only `serve` needs gunicorn

    from porchlight.core.request_log import ACCESS_LOG_FORMAT  # noqa: PLC0415  imports Django, after main() chose the settings

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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porchlight.settings")
    command = args[0] if args else "help"
    if command == "serve":
        serve(args[1:])
        return
    if command in {"risk", "coach", "reflect"}:
        from porchlight.language import cli  # noqa: PLC0415  loads the language models only for these commands

        run = {"risk": cli.risk, "coach": cli.coach, "reflect": cli.reflect}[command]
        sys.exit(run(args[1:]))
    from django.core.management import execute_from_command_line  # noqa: PLC0415  after main() chose the settings module

    execute_from_command_line(["porchlight", *args])


if __name__ == "__main__":
    main()
