"""Saving coached messages and conversation plans. Their text is read for risk language."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from porchlight.circles.models import Circle
from porchlight.coach import feedback
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.safety import risk_alerts

PLAN_FIELDS = ("goal", "moment", "moment_note", "opening", "listen_for", "if_no", "closing")


def save_message(
    *, circle: Circle, author: Any, text: str, request: HttpRequest | None = None
) -> CoachedMessage:
    with transaction.atomic():
        message = CoachedMessage.objects.create(
            circle=circle, author=author, text=text, feedback=feedback.analyse(text)
        )
        risk_alerts.check_and_record(
            texts=[text], actor=author, circle_id=circle.id, where="coach", request=request
        )
    return message


def record_outcome(*, message: CoachedMessage, outcome: str, note: str) -> CoachedMessage:
    message.outcome = outcome
    message.outcome_note = note
    message.save(update_fields=["outcome", "outcome_note"])
    return message


def save_plan(
    *,
    circle: Circle,
    author: Any,
    data: dict[str, Any],
    plan: ConversationPlan | None = None,
    request: HttpRequest | None = None,
) -> ConversationPlan:
    with transaction.atomic():
        if plan is None:
            plan = ConversationPlan(circle=circle, author=author)
        for field in PLAN_FIELDS:
            setattr(plan, field, data.get(field, "" if field != "moment" else []))
        plan.save()
        risk_alerts.check_and_record(
            texts=plan.texts, actor=author, circle_id=circle.id, where="coach", request=request
        )
    return plan
