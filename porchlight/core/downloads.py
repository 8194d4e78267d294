"""Files the app hands over (PDFs, JSON, calendars): private, never cached."""

from __future__ import annotations

from django.http import HttpResponse


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
