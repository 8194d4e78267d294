"""Writing the safety plan: every save is a new version, with who and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from porchlight.circles.models import Circle, Membership
from porchlight.core import audit
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.safety import risk_alerts
from porchlight.safety.models import PlanComment, SafetyPlan, SafetyPlanVersion, SavedCheck
from porchlight.safety.plan_sections import plan_template
from porchlight.safety.triage import TriageResult


@dataclass(frozen=True)
class SaveResult:
    version: SafetyPlanVersion | None
    alert: risk_alerts.RiskAlert | None

    @property
    def changed(self) -> bool:
        return self.version is not None


def visible_plan(membership: Membership) -> SafetyPlan | None:
    """The circle's plan as this member may see it: professionals only once shared."""
    plan = SafetyPlan.objects.filter(circle_id=membership.circle_id).first()
    if plan is None:
        return None
    if not role_has_permission(membership.role, Permission.VIEW_PLANS) and not (
        plan.shared_with_professionals
    ):
        return None
    return plan


def save_plan(
    *,
    circle: Circle,
    actor: Any,
    sections: dict[str, str],
    review_on: dt.date | None,
    request: HttpRequest | None = None,
) -> SaveResult:
    cleaned = {key: text.strip() for key, text in sections.items() if text and text.strip()}
    with transaction.atomic():
        if not cleaned and review_on is None:
            started = SafetyPlanVersion.objects.filter(plan__circle=circle).exists()
            if not started:
                return SaveResult(version=None, alert=None)  # an empty first save makes nothing
        plan, _ = SafetyPlan.objects.select_for_update().get_or_create(circle=circle)
        current = plan.current
        if current is not None and current.sections == cleaned and current.review_on == review_on:
            return SaveResult(version=None, alert=None)
        version = SafetyPlanVersion.objects.create(
            plan=plan,
            number=(current.number + 1) if current else 1,
            sections=cleaned,
            review_on=review_on,
            created_by=actor,
        )
        audit.record(
            action=AuditAction.SAFETY_PLAN_SAVED,
            actor=actor,
            circle_id=circle.id,
            details={"version": version.number},
            request=request,
        )
        # Warning signs belong in the warning-signs section: only the other sections are
        # read for risk language (see risk_check in content/safety_plan.yaml).
        unchecked = plan_template().unchecked_keys
        changed_texts = [
            text
            for key, text in cleaned.items()
            if key not in unchecked and (not current or current.sections.get(key) != text)
        ]
        alert = risk_alerts.check_and_record(
            texts=changed_texts,
            actor=actor,
            circle_id=circle.id,
            where="safety_plan",
            request=request,
        )
    return SaveResult(version=version, alert=alert)


def set_sharing(
    *, circle: Circle, actor: Any, shared: bool, request: HttpRequest | None = None
) -> SafetyPlan:
    with transaction.atomic():
        plan, _ = SafetyPlan.objects.select_for_update().get_or_create(circle=circle)
        if plan.shared_with_professionals != shared:
            plan.shared_with_professionals = shared
            plan.save(update_fields=["shared_with_professionals"])
            audit.record(
                action=AuditAction.SAFETY_PLAN_SHARED
                if shared
                else AuditAction.SAFETY_PLAN_UNSHARED,
                actor=actor,
                circle_id=circle.id,
                request=request,
            )
    return plan


def record_export(
    *, circle: Circle, actor: Any, kind: str, request: HttpRequest | None = None
) -> None:
    audit.record(
        action=AuditAction.EXPORTED,
        actor=actor,
        circle_id=circle.id,
        details={"what": kind},
        request=request,
    )


def save_check(
    *,
    circle: Circle,
    actor: Any,
    answers: dict[str, Any],
    result: TriageResult,
    private: bool = False,
) -> SavedCheck:
    with transaction.atomic():
        return SavedCheck.objects.create(
            circle=circle,
            level=result.level,
            rule_ids=[rule.rule_id for rule in result.matched],
            answers=answers,
            private=private,
            created_by=actor,
        )


def add_comment(
    *, plan: SafetyPlan, author: Any, text: str, request: HttpRequest | None = None
) -> PlanComment:
    with transaction.atomic():
        comment = PlanComment.objects.create(plan=plan, author=author, text=text.strip())
        risk_alerts.check_and_record(
            texts=[comment.text], actor=author, circle_id=plan.circle_id, where="safety_plan",
            request=request,
        )  # fmt: skip
    return comment
