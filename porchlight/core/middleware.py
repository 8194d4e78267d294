"""Refuse form posts in a text encoding other than UTF-8, with a clear 400 page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
