"""Saving coached messages and conversation plans. Their text is read for risk language.

A conversation plan is its author's own ("how I'll open"), so only its author may
change it; every save of a plan writes an audit row (ids only, never the text).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from porchlight.circles.models import Circle
from porchlight.coach import feedback
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core import audit
from porchlight.core.models import AuditAction
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


def can_edit_plan(plan: ConversationPlan, user: Any) -> bool:
    """Only the person who wrote the plan; nobody once they have deleted their account."""
    return plan.author_id is not None and plan.author_id == getattr(user, "pk", None)


def save_plan(
    *,
    circle: Circle,
    author: Any,
    data: dict[str, Any],
    plan: ConversationPlan | None = None,
    request: HttpRequest | None = None,
) -> ConversationPlan:
    if plan is not None and not can_edit_plan(plan, author):
        raise PermissionDenied("Only the plan's author can change it.")
    with transaction.atomic():
        created = plan is None
        if plan is None:
            plan = ConversationPlan(circle=circle, author=author)
        for field in PLAN_FIELDS:
            setattr(plan, field, data.get(field, "" if field != "moment" else []))
        plan.save()
        audit.record(
            action=AuditAction.CONVERSATION_PLAN_SAVED,
            actor=author,
            circle_id=circle.id,
            details={"plan": str(plan.id), "created": created},
            request=request,
        )
        risk_alerts.check_and_record(
            texts=plan.texts, actor=author, circle_id=circle.id, where="coach", request=request
        )
    return plan
