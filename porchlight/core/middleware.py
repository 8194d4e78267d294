"""Middleware: an idle timeout and no caching for logged-in pages; forms only in UTF-8."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# The session is written back at most this often while someone is active.
REFRESH_SECONDS = 60
SEEN_KEY = "porchlight_seen"


class SessionIdleMiddleware:
    """Log out after SESSION_COOKIE_AGE seconds without a request (SESSION_IDLE_MINUTES).

    The session (and its cookie) expire SESSION_COOKIE_AGE after they were last
    saved, and the database refuses an expired session. Saving it again while
    someone is active moves that point forward: an idle timeout, not a fixed one.
    It is saved at most once a minute, so reading pages does not mean a database
    write on every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            if now - int(request.session.get(SEEN_KEY, 0)) >= REFRESH_SECONDS:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


class PrivatePagesNoStoreMiddleware:
    """`Cache-Control: no-store` on every page served to someone logged in.

    A shared computer's browser cache, the back button after logging out, or a
    proxy must not keep a copy of a journal or safety plan.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        private = request.user.is_authenticated
        response = self.get_response(request)
        if private or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class FormEncodingMiddleware:
    """Every browser sends forms as UTF-8, the only encoding Porchlight reads.

    A form sent with another `charset` (known or made up) is answered here,
    before anything reads it: Django refuses some such bodies with an error
    that its own debug page trips over again, and ignores others.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset") if request.content_params else None
        if (
            request.content_type in FORM_TYPES
            and charset is not None
            and charset.strip().strip('"').lower() != "utf-8"
        ):
            return render(
                request,
                "400.html",
                {"reason": "The form was sent in a text encoding Porchlight can't read."},
                status=400,
            )
        return self.get_response(request)
