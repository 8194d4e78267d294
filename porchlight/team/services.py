"""Writing the family team plan and letters; every free text goes through the risk check.

The plan is the circle's, saved in versions with who and when (like the safety plan); an
owner may share it read-only with the circle's professionals, who may comment. A letter
is its writer's: only they see it until they share it with the team, and only they may
change it. Every save writes an audit row (ids only, never the words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from porchlight.circles import shared_plans
from porchlight.circles.models import Circle, Membership
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.safety import personal_safety
from porchlight.safety.models import SavedCheck
from porchlight.team import engine
from porchlight.team.models import Letter, TeamComment, TeamPlan, TeamPlanVersion


def visible_plan(membership: Membership) -> TeamPlan | None:
    """The circle's plan as this member may see it: professionals only once shared."""
    return shared_plans.visible_plan(TeamPlan, membership)


def plan_texts(content: dict[str, Any]) -> list[str]:
    """Every free text in a version's content, for the risk check."""
    texts = [m.get("name", "") for m in content.get("members", [])]
    for step in content.get("steps", {}).values():
        texts += [step.get("do", ""), step.get("next", "")]
    return [*texts, content.get("plan_b", ""), content.get("follow_up", "")]


def clean_content(content: dict[str, Any]) -> dict[str, Any]:
    """Drop empty rows and strip text, so an unchanged form makes no new version."""
    members = [
        {"name": m["name"].strip(), "role": m["role"]}
        for m in content.get("members", [])
        if m.get("name", "").strip()
    ]
    steps = {
        key: {"do": s.get("do", "").strip(), "next": s.get("next", "").strip()}
        for key, s in content.get("steps", {}).items()
        if s.get("do", "").strip() or s.get("next", "").strip()
    }
    return {
        "members": members,
        "risks": sorted(r for r in content.get("risks", []) if r in engine.RISK_IDS),
        "step": content.get("step", ""),
        "steps": steps,
        "plan_b": content.get("plan_b", "").strip(),
        "follow_up": content.get("follow_up", "").strip(),
    }


SaveResult = shared_plans.SaveResult[TeamPlanVersion]


def save_plan(*, circle: Circle, by: Actor, content: dict[str, Any]) -> SaveResult:
    cleaned = clean_content(content)
    with transaction.atomic():
        plan, _ = TeamPlan.objects.select_for_update().get_or_create(circle=circle)
        current = plan.current
        if current is not None and current.content == cleaned:
            return SaveResult(version=None, alert=None)
        version = TeamPlanVersion.objects.create(
            plan=plan,
            number=(current.number + 1) if current else 1,
            content=cleaned,
            created_by=by.user,
        )
        audit.record(
            action=AuditAction.TEAM_PLAN_SAVED,
            by=by,
            circle_id=circle.id,
            details={"version": version.number, "members": len(cleaned["members"])},
        )
        before = set(plan_texts(current.content)) if current else set()
        changed = [t for t in plan_texts(cleaned) if t and t not in before]
        alert = risk_watch.check(texts=changed, actor=by, circle_id=circle.id, where="team_plan")
    return SaveResult(version=version, alert=alert)


def set_sharing(*, circle: Circle, by: Actor, shared: bool) -> TeamPlan:
    return shared_plans.set_sharing(
        TeamPlan,
        circle=circle,
        by=by,
        shared=shared,
        audited=(AuditAction.TEAM_PLAN_SHARED, AuditAction.TEAM_PLAN_UNSHARED),
    )


Commented = shared_plans.Commented[TeamComment]
COMMENTS = shared_plans.Comments(TeamComment, AuditAction.TEAM_PLAN_COMMENTED, where="team_plan")


def add_comment(*, plan: TeamPlan, by: Actor, text: str) -> Commented:
    return shared_plans.add_comment(COMMENTS, plan=plan, by=by, text=text)


def record_export(*, circle: Circle, by: Actor, kind: str) -> None:
    audit.record(action=AuditAction.EXPORTED, by=by, circle_id=circle.id, details={"what": kind})


# --- What the circle already records --------------------------------------------------


def safety_view(membership: Membership, risks: list[str]) -> engine.SafetyView:
    """Act-now and professional-first, from the plan's answers and the circle's records.

    Reads the saved safety checks this member may see (not another member's private
    ones), the circle's worries, and this member's own "is it safe for you?" answer.
    """
    checks = (
        SavedCheck.objects.filter(circle_id=membership.circle_id)
        .filter(Q(private=False) | Q(created_by_id=membership.user_id))
        .order_by("-created_at")
        .values_list("level", "answers")[:20]
    )
    answer = personal_safety.latest_answer(membership)
    return engine.safety_view(
        answered=risks,
        checks=list(checks),
        concerns=membership.circle.concerns,
        afraid=bool(answer and answer.afraid),
    )


# --- Letters ------------------------------------------------------------------------


def letters_for(membership: Membership) -> QuerySet[Letter]:
    """The letters this member may read: their own, and those others shared."""
    return Letter.objects.filter(circle_id=membership.circle_id).filter(
        Q(author_id=membership.user_id) | Q(shared=True)
    )


def can_edit(letter: Letter, user: Any) -> bool:
    return letter.author_id is not None and letter.author_id == getattr(user, "pk", None)


@dataclass(frozen=True)
class SavedLetter:
    letter: Letter
    alert: risk_watch.RiskAlert | None


def save_letter(
    *, circle: Circle, by: Actor, data: dict[str, Any], letter: Letter | None = None
) -> SavedLetter:
    if letter is not None and not can_edit(letter, by.user):
        raise PermissionDenied("Only the letter's writer can change it.")
    with transaction.atomic():
        created = letter is None
        letter = letter or Letter(circle=circle, author=by.user)
        letter.text = data["text"].strip()
        letter.bottom_line = data.get("bottom_line", "").strip()
        letter.save()
        audit.record(
            action=AuditAction.TEAM_LETTER_SAVED,
            by=by,
            circle_id=circle.id,
            details={"letter": str(letter.id), "created": created},
        )
        alert = risk_watch.check(
            texts=letter.texts, actor=by, circle_id=circle.id, where="team_letter"
        )
    return SavedLetter(letter=letter, alert=alert)


def set_letter_shared(*, letter: Letter, by: Actor, shared: bool) -> Letter:
    if not can_edit(letter, by.user):
        raise PermissionDenied("Only the letter's writer can share it.")
    with transaction.atomic():
        if letter.shared != shared:
            letter.shared = shared
            letter.save(update_fields=["shared", "updated_at"])
            audit.record(
                action=AuditAction.TEAM_LETTER_SHARED,
                by=by,
                circle_id=letter.circle_id,
                details={"letter": str(letter.id), "shared": shared},
            )
    return letter


def review_letter(*, text: str, bottom_line: str = "") -> tuple[engine.LetterFlag, ...]:
    """What the coach asks the writer to change: blame, threats, labels; a bottom line
    that is a demand rather than what the writer will do."""
    from porchlight.coach import feedback  # noqa: PLC0415  loads the coach models on first use

    guide = engine.load_team().letters
    flags = engine.letter_flags(feedback.analyse(text), guide=guide) if text.strip() else ()
    if bottom_line.strip():
        flags += engine.letter_flags(feedback.analyse(bottom_line), guide=guide)
        flags += engine.bottom_line_flags(bottom_line)
    return flags
