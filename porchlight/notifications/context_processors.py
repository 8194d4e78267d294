from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from porchlight.notifications import services


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """``unread_notifications``: counted only if a template shows it (one query then)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: services.unread_count(user))}
