"""Paths of the app's pages, reversed once and then remembered.

Reversing a URL name walks the URL configuration every time (about 25 µs here), and
every page reverses the same few dozen: the header, the circle's menu and its cards.
The path for a name and its arguments never changes while the process runs, so it is
kept, keyed also by the script prefix and the URL configuration it was reversed in.
Only names and identifiers are kept, never anything a member wrote.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

CACHE_SIZE = 4096  # the header and menus of a few hundred circles; the rest are reversed again


def link(viewname: str, *args: Any, **kwargs: Any) -> str:
    """``reverse(viewname, args=args, kwargs=kwargs)``, remembered."""
    return _reversed(
        viewname,
        tuple(str(a) for a in args),
        tuple(sorted((k, str(v)) for k, v in kwargs.items())),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@lru_cache(maxsize=CACHE_SIZE)
def _reversed(
    viewname: str,
    args: tuple[str, ...],
    kwargs: tuple[tuple[str, str], ...],
    prefix: str,
    urlconf: str,
) -> str:
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)
