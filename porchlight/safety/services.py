"""Writing the safety plan: every save is a new version, with who and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from porchlight.circles import shared_plans
from porchlight.circles.models import Circle, Membership
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.journal import services as journal_services
from porchlight.notifications import services as notifications
from porchlight.notifications.models import NotificationKind
from porchlight.safety import triage
from porchlight.safety.models import PlanComment, SafetyPlan, SafetyPlanVersion, SavedCheck
from porchlight.safety.plan_sections import plan_template
from porchlight.safety.triage import TriageResult

SaveResult = shared_plans.SaveResult[SafetyPlanVersion]


def visible_plan(membership: Membership) -> SafetyPlan | None:
    """The circle's plan as this member may see it: professionals only once shared."""
    return shared_plans.visible_plan(SafetyPlan, membership)


def _who_sees(plan: SafetyPlan) -> list[Membership]:
    """The members who can read ``plan`` (professionals only once it is shared)."""
    return [
        member
        for member in Membership.objects.filter(circle_id=plan.circle_id)
        if role_has_permission(member.role, Permission.VIEW_PLANS)
        or (
            plan.shared_with_professionals
            and role_has_permission(member.role, Permission.VIEW_SAFETY_PLAN)
        )
    ]


def save_plan(
    *,
    circle: Circle,
    by: Actor,
    sections: dict[str, str],
    review_on: dt.date | None,
    site_url: str = "",
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
            created_by=by.user,
        )
        audit.record(
            action=AuditAction.SAFETY_PLAN_SAVED,
            by=by,
            circle_id=circle.id,
            details={"version": version.number},
        )
        # Warning signs belong in the warning-signs section: only the other sections are
        # read for risk language (see risk_check in content/safety_plan.yaml).
        unchecked = plan_template().unchecked_keys
        changed_texts = [
            text
            for key, text in cleaned.items()
            if key not in unchecked and (not current or current.sections.get(key) != text)
        ]
        alert = risk_watch.check(
            texts=changed_texts, actor=by, circle_id=circle.id, where="safety_plan"
        )
        notifications.notify(
            circle=circle,
            by=by,
            kind=NotificationKind.PLAN_CHANGED,
            members=_who_sees(plan),
            site_url=site_url,
        )
    return SaveResult(version=version, alert=alert)


def set_sharing(*, circle: Circle, by: Actor, shared: bool) -> SafetyPlan:
    return shared_plans.set_sharing(
        SafetyPlan,
        circle=circle,
        by=by,
        shared=shared,
        audited=(AuditAction.SAFETY_PLAN_SHARED, AuditAction.SAFETY_PLAN_UNSHARED),
    )


def record_export(*, circle: Circle, by: Actor, kind: str) -> None:
    audit.record(action=AuditAction.EXPORTED, by=by, circle_id=circle.id, details={"what": kind})


def check_summary(result: TriageResult) -> str:
    """What the journal says about a check: its title and reasons, never the answers."""
    reasons = "\n".join(f"- {rule.reason}" for rule in result.matched)
    return result.title + (f"\n{reasons}" if reasons else "")


def what_to_save(
    answers: dict[str, Any], result: TriageResult, share: str
) -> tuple[dict[str, Any], TriageResult, bool]:
    """The answers and result to save, and whether only their author sees them.

    What the supporter said about their own distress or fear stays theirs unless they
    choose otherwise: it is private by default, and "about them" keeps only the
    answers about the loved one (or stays private when there are none).
    """
    personal = triage.is_personal(answers)
    share = share or ("private" if personal else "all")
    if share == "about_them" and personal:
        about_them = triage.split_answers(answers)[0]
        shared_result = triage.evaluate(about_them)
        if shared_result.assessed:
            answers, result = about_them, shared_result
        else:
            share = "private"
    return answers, result, share == "private"


def save_check(
    *,
    circle: Circle,
    by: Actor,
    answers: dict[str, Any],
    result: TriageResult,
    private: bool = False,
    on: dt.date | None = None,
) -> SavedCheck:
    """Save a check and journal it, in one transaction: both are written or neither."""
    with transaction.atomic():
        entry = journal_services.record_safety_check(
            circle=circle,
            by=by,
            summary=check_summary(result),
            on=on or timezone.localdate(),
            private=private,
        )
        return SavedCheck.objects.create(
            circle=circle,
            level=result.level,
            rule_ids=[rule.rule_id for rule in result.matched],
            answers=answers,
            private=private,
            created_by=by.user,
            journal_entry=entry,
        )


Commented = shared_plans.Commented[PlanComment]
COMMENTS = shared_plans.Comments(
    PlanComment, AuditAction.SAFETY_PLAN_COMMENTED, where="safety_plan"
)


def add_comment(*, plan: SafetyPlan, by: Actor, text: str, site_url: str = "") -> Commented:
    with transaction.atomic():
        commented = shared_plans.add_comment(COMMENTS, plan=plan, by=by, text=text)
        notifications.notify(
            circle=plan.circle,
            by=by,
            kind=NotificationKind.PLAN_COMMENT,
            members=_who_sees(plan),
            site_url=site_url,
        )
    return commented
