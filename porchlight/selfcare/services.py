"""Check-ins and the self-care plan. A check-in that shows the supporter's own crisis
is recorded in the audit log (level only) and answered by the safety path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from porchlight.core import audit
from porchlight.core.models import AuditAction
from porchlight.safety import risk_alerts
from porchlight.selfcare import engine as checkin
from porchlight.selfcare.engine import CheckinResult
from porchlight.selfcare.models import CheckIn, SelfCarePlan

HISTORY = 12


@dataclass(frozen=True)
class Recorded:
    checkin: CheckIn
    result: CheckinResult


def record_checkin(
    *, user: Any, answers: dict[str, str], request: HttpRequest | None = None
) -> Recorded:
    result = checkin.evaluate(answers)
    with transaction.atomic():
        saved = CheckIn.objects.create(
            user=user, answers=answers, score=result.score, band=result.band
        )
        if result.supporter_crisis or result.unsafe_at_home:
            audit.record(
                action=AuditAction.RISK_FLAGGED,
                actor=user,
                details={
                    "where": "selfcare",
                    "level": "act_now" if result.act_now else "urgent",
                    "categories": [
                        name
                        for name, flagged in (
                            ("distress", result.supporter_crisis),
                            ("danger_to_writer", result.unsafe_at_home),
                        )
                        if flagged
                    ],
                },
                request=request,
            )
    return Recorded(checkin=saved, result=result)


def history(user: Any) -> list[CheckIn]:
    """The latest check-ins, oldest first."""
    return list(reversed(CheckIn.objects.filter(user=user)[:HISTORY]))


def needs_more_support(user: Any) -> bool:
    return checkin.sustained_decline([c.score for c in history(user)])


def save_plan(
    *, user: Any, answers: dict[str, str], request: HttpRequest | None = None
) -> SelfCarePlan:
    with transaction.atomic():
        plan, _ = SelfCarePlan.objects.get_or_create(user=user)
        plan.answers = {k: v.strip() for k, v in answers.items() if v and v.strip()}
        plan.save()
        risk_alerts.check_and_record(
            texts=plan.answers.values(),
            actor=user,
            circle_id=None,
            where="selfcare",
            request=request,
        )
    return plan
