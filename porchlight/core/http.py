"""Small request helpers every floor above may use."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` path asked for, if it is a path on this site; otherwise `default`.

    Only absolute paths count ("/c/..."): "abc" or "//elsewhere" fall back to the
    default, so a bad `next` never sends anyone off the site or to an error.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default
