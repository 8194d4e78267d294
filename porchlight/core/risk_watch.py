"""Every free text a user saves is read for risk language: one kernel service.

``check`` assesses the texts with ``porchlight.language.risk``; an ``act_now`` or
``urgent`` result is written to the audit log by level and category only (never
the text) and returned. It takes an ``Actor``, not the request, and touches no
session: the view passes the alert to ``porchlight.core.alerts.show_next`` and
the base template shows it, first, on the next page.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from porchlight.core import audit
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.language.risk import LEVELS, analyse

ALERT_LEVELS = ("act_now", "urgent")


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "categories": list(self.categories),
            "who": self.who,
            "ask_directly": self.ask_directly,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RiskAlert:
        return cls(
            data["level"],
            tuple(data.get("categories", ())),
            data.get("who", ""),
            bool(data.get("ask_directly")),
        )


def assess(texts: Iterable[str]) -> RiskAlert | None:
    """The most serious alert across the texts, or None when none needs acting on."""
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


def flag(*, alert: RiskAlert, actor: Actor, circle_id: uuid.UUID | None, where: str) -> None:
    """The one shape of the ``RISK_FLAGGED`` audit row: level, categories and where."""
    audit.record(
        action=AuditAction.RISK_FLAGGED,
        by=actor,
        circle_id=circle_id,
        details={"level": alert.level, "categories": list(alert.categories), "where": where},
    )


def check(
    *, texts: Iterable[str], actor: Actor, circle_id: uuid.UUID | None, where: str
) -> RiskAlert | None:
    """Assess saved texts; when they need acting on, write the audit row and return the alert."""
    alert = assess(texts)
    if alert is not None:
        flag(alert=alert, actor=actor, circle_id=circle_id, where=where)
    return alert
