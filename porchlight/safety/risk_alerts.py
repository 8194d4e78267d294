"""Every free text a user saves is read for risk language.

An `act_now` or `urgent` result is shown at once, above everything else, and
recorded in the audit log by level and category only — never the text.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from porchlight.core import audit
from porchlight.core.models import AuditAction

ALERT_LEVELS = ("act_now", "urgent")
SESSION_KEY = "porchlight_risk_alert"


@dataclass(frozen=True)
class RiskAlert:
    level: str
    categories: tuple[str, ...]
    who: str
    # Words about dying that the detector could not place: ask the person directly.
    ask_directly: bool = False

    @property
    def act_now(self) -> bool:
        return self.level == "act_now"

    @property
    def safety_first(self) -> bool:
        """Violence or danger to the writer: get safe first, never "stay with them"."""
        return bool({"violence", "danger_to_writer", "abuse"} & set(self.categories))

    @property
    def about_writer(self) -> bool:
        """The writer themself is at risk: the banner speaks to them."""
        return self.who == "writer"


def assess(texts: Iterable[str]) -> RiskAlert | None:
    """The most serious alert across the texts, or None when none needs acting on."""
    from porchlight.language.risk import LEVELS, analyse  # noqa: PLC0415  loads the risk model only when text is checked

    worst: RiskAlert | None = None
    for text in texts:
        if not text or not text.strip():
            continue
        result = analyse(text)
        if result.level not in ALERT_LEVELS:
            continue
        found = RiskAlert(result.level, tuple(result.categories), result.who, result.ask_directly)
        if worst is None or LEVELS.index(found.level) > LEVELS.index(worst.level):
            worst = found
        elif found.level == worst.level:
            merged = tuple(sorted(set(worst.categories) | set(found.categories)))
            asked = worst.ask_directly or found.ask_directly
            worst = RiskAlert(worst.level, merged, worst.who, asked)
    return worst


def check_and_record(
    *,
    texts: Iterable[str],
    actor: Any,
    circle_id: uuid.UUID | None,
    where: str,
    request: HttpRequest | None = None,
) -> RiskAlert | None:
    alert = assess(texts)
    if alert is not None:
        audit.record(
            action=AuditAction.RISK_FLAGGED,
            actor=actor,
            circle_id=circle_id,
            details={"level": alert.level, "categories": list(alert.categories), "where": where},
            request=request,
        )
        if request is not None and hasattr(request, "session"):
            request.session[SESSION_KEY] = {
                "level": alert.level,
                "categories": list(alert.categories),
                "who": alert.who,
                "ask_directly": alert.ask_directly,
            }
    return alert


def pop_alert(request: HttpRequest) -> RiskAlert | None:
    """The alert raised by the last save, shown once on the next page."""
    data = request.session.pop(SESSION_KEY, None) if hasattr(request, "session") else None
    if not data:
        return None
    return RiskAlert(
        data["level"], tuple(data["categories"]), data["who"], bool(data.get("ask_directly"))
    )
