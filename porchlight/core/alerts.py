"""Showing a risk alert on the next page: the one view helper and its context processor.

A service returns the alert (``porchlight.core.risk_watch``); the view that
redirects after the save calls ``show_next(request, alert)``. The context
processor hands the pending alert to ``base.html``, whose ``risk_alert`` block
shows it first on the next full page. The alert is taken from the session only
when that block renders, so an htmx fragment in between does not swallow it.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from porchlight.core.risk_watch import RiskAlert

SESSION_KEY = "porchlight_risk_alert"


def show_next(request: HttpRequest, alert: RiskAlert | None) -> None:
    """Keep ``alert`` (if any) for the next page this person sees."""
    if alert is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = alert.as_dict()


def pop(request: HttpRequest) -> RiskAlert | None:
    data = request.session.pop(SESSION_KEY, None) if hasattr(request, "session") else None
    return RiskAlert.from_dict(data) if data else None


def risk_alert(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``pending_alert``, read (and cleared) only if a page shows it."""
    return {"pending_alert": SimpleLazyObject(lambda: pop(request))}
