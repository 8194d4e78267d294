"""Request logging that keeps secrets out of log files.

URLs can carry secrets: journal search words in the query string, working
invitation links, password-reset links and calendar-feed links in the path.
Logs are read by more people, and kept longer, than the database. So:

- no query string is ever logged, and no Referer (a same-origin Referer holds
  the previous page's full address, query and token included);
- a path whose route takes a secret (`token`, `uidb64`) is logged as the route
  name, e.g. `<circles:invitation.accept>`, never as the path itself.

`RouteLogMiddleware` puts the safe path into the WSGI environ, where Gunicorn's
`AccessLogger` (set by `porchlight serve`) picks it up; `RedactPaths` does the
same for Django's own request log ("Not Found: /path").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from gunicorn.glogging import Logger

ENVIRON_KEY = "porchlight.log_path"
# URL parameters that are secrets (or, with a secret, identify a person).
SECRET_PARAMETERS = frozenset({"token", "uidb64"})


def safe_path(request: HttpRequest) -> str:
    """The path as it may be logged: the route name where the path holds a secret."""
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_PARAMETERS & set(match.kwargs):
        return f"<{match.view_name}>"
    if match is None and SECRET_PARAMETERS & set(_resolve_kwargs(request.path_info)):
        # A 404 raised before the view ran still matched a secret-bearing route.
        return "<secret path>"
    return request.path


def _resolve_kwargs(path: str) -> dict[str, Any]:
    from django.urls import Resolver404, resolve  # noqa: PLC0415  gunicorn loads this logger before Django is set up

    try:
        return resolve(path).kwargs
    except Resolver404:
        return {}


class RouteLogMiddleware:
    """Tells the access log what to write instead of the raw path."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The WSGI environ is the dict Gunicorn passes on to its access logger.
        environ = getattr(request, "environ", None)
        if environ is not None:
            environ[ENVIRON_KEY] = safe_path(request)
        return response


class AccessLogger(Logger):  # type: ignore[misc]  # gunicorn ships no type hints
    """Gunicorn's logger, minus query strings, tokens, Referer and raw headers."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        # Without the middleware's word (static files, a request Django never saw),
        # the path alone: still no query string.
        path = environ.get(ENVIRON_KEY) or environ.get("PATH_INFO", "-")
        method, protocol = environ.get("REQUEST_METHOD", "-"), environ.get("SERVER_PROTOCOL", "-")
        safe = {key: value for key, value in atoms.items() if not key.startswith("{")}
        safe.update(
            {"r": f"{method} {path} {protocol}", "U": path, "q": "-", "f": "-"},
        )
        return safe


class RedactPaths(logging.Filter):
    """Replaces the request path in Django's request log records with the safe path."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and isinstance(record.args, tuple):
            shown = getattr(request, "environ", {}).get(ENVIRON_KEY) or safe_path(request)
            record.args = tuple(shown if arg == request.path else arg for arg in record.args)
        return True


# Access log lines: client, time, request (safe path), status, bytes, milliseconds, browser.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
