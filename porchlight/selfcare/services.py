"""Check-ins and the self-care plan. A check-in that shows the supporter's own crisis
is recorded in the audit log (level only) and answered by the safety path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from porchlight.core import risk_watch
from porchlight.core.actor import Actor
from porchlight.selfcare import engine as checkin
from porchlight.selfcare.engine import CheckinResult
from porchlight.selfcare.models import CheckIn, SelfCarePlan

HISTORY = 12


@dataclass(frozen=True)
class Recorded:
    checkin: CheckIn
    result: CheckinResult
    alert: risk_watch.RiskAlert | None = None


@dataclass(frozen=True)
class SavedPlan:
    plan: SelfCarePlan
    alert: risk_watch.RiskAlert | None


def checkin_alert(result: CheckinResult) -> risk_watch.RiskAlert | None:
    """The supporter's own crisis or fear at home, in the shape every risk flag has."""
    if not (result.supporter_crisis or result.unsafe_at_home):
        return None
    categories = tuple(
        name
        for name, flagged in (
            ("distress", result.supporter_crisis),
            ("danger_to_writer", result.unsafe_at_home),
        )
        if flagged
    )
    return risk_watch.RiskAlert("act_now" if result.act_now else "urgent", categories, "writer")


def record_checkin(*, by: Actor, answers: dict[str, str]) -> Recorded:
    """The check-in's result page answers a crisis itself; the alert is for the audit row."""
    result = checkin.evaluate(answers)
    alert = checkin_alert(result)
    with transaction.atomic():
        saved = CheckIn.objects.create(
            user=by.user, answers=answers, score=result.score, band=result.band
        )
        if alert is not None:
            risk_watch.flag(alert=alert, actor=by, circle_id=None, where="selfcare")
    return Recorded(checkin=saved, result=result, alert=alert)


def history(user: Any) -> list[CheckIn]:
    """The latest check-ins, oldest first."""
    return list(reversed(CheckIn.objects.filter(user=user)[:HISTORY]))


def needs_more_support(user: Any) -> bool:
    return checkin.sustained_decline([c.score for c in history(user)])


def save_plan(*, by: Actor, answers: dict[str, str]) -> SavedPlan:
    with transaction.atomic():
        plan, _ = SelfCarePlan.objects.get_or_create(user=by.user)
        plan.answers = {k: v.strip() for k, v in answers.items() if v and v.strip()}
        plan.save()
        alert = risk_watch.check(
            texts=plan.answers.values(), actor=by, circle_id=None, where="selfcare"
        )
    return SavedPlan(plan=plan, alert=alert)
