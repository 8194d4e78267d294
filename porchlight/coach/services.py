"""Saving coached messages and conversation plans. Their text is read for risk language.

A conversation plan is its author's own ("how I'll open"), so only its author may
change it; every save of a plan writes an audit row (ids only, never the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from porchlight.circles.models import Circle
from porchlight.coach import feedback
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction

PLAN_FIELDS = (
    "goal",
    "moment",
    "moment_note",
    "opening",
    "listen_for",
    "their_words",
    "if_no",
    "closing",
)


@dataclass(frozen=True)
class SavedMessage:
    message: CoachedMessage
    alert: risk_watch.RiskAlert | None


@dataclass(frozen=True)
class SavedPlan:
    plan: ConversationPlan
    alert: risk_watch.RiskAlert | None


def save_message(*, circle: Circle, by: Actor, text: str) -> SavedMessage:
    with transaction.atomic():
        message = CoachedMessage.objects.create(
            circle=circle, author=by.user, text=text, feedback=feedback.analyse(text)
        )
        alert = risk_watch.check(texts=[text], actor=by, circle_id=circle.id, where="coach")
    return SavedMessage(message=message, alert=alert)


def record_outcome(*, message: CoachedMessage, outcome: str, note: str) -> CoachedMessage:
    message.outcome = outcome
    message.outcome_note = note
    message.save(update_fields=["outcome", "outcome_note"])
    return message


def can_edit_plan(plan: ConversationPlan, user: Any) -> bool:
    """Only the person who wrote the plan; nobody once they have deleted their account."""
    return plan.author_id is not None and plan.author_id == getattr(user, "pk", None)


def save_plan(
    *,
    circle: Circle,
    by: Actor,
    data: dict[str, Any],
    plan: ConversationPlan | None = None,
) -> SavedPlan:
    if plan is not None and not can_edit_plan(plan, by.user):
        raise PermissionDenied("Only the plan's author can change it.")
    with transaction.atomic():
        created = plan is None
        if plan is None:
            plan = ConversationPlan(circle=circle, author=by.user)
        for field in PLAN_FIELDS:
            setattr(plan, field, data.get(field, "" if field != "moment" else []))
        plan.save()
        audit.record(
            action=AuditAction.CONVERSATION_PLAN_SAVED,
            by=by,
            circle_id=circle.id,
            details={"plan": str(plan.id), "created": created},
        )
        alert = risk_watch.check(texts=plan.texts, actor=by, circle_id=circle.id, where="coach")
    return SavedPlan(plan=plan, alert=alert)
