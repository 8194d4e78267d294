"""Writing the CRAFT plan and its outcomes: every save is a new version, with who and when.

The plan belongs to the family, like the safety plan: any supporter may change it,
each change adds a version (never an edit), and the owner may share it read-only
with the circle's professionals, who may then comment. Every free text is read for
risk language; every write leaves an audit row with ids only, never the words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from porchlight.circles import shared_plans
from porchlight.circles.models import Circle, Membership
from porchlight.coach import services as coach_services
from porchlight.coach.models import ConversationPlan
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.craft import engine
from porchlight.craft.models import CraftComment, CraftPlan, CraftPlanVersion, InvitationStep
from porchlight.journal.access import entries_for
from porchlight.understand import services as understand_services

WHERE = "craft"


SaveResult = shared_plans.SaveResult[CraftPlanVersion]


def visible_plan(membership: Membership) -> CraftPlan | None:
    """The circle's plan as this member may see it: professionals only once shared."""
    return shared_plans.visible_plan(CraftPlan, membership)


def current_parts(circle: Circle) -> dict[str, Any]:
    """The latest saved parts of the circle's plan, or {} before the first save."""
    version = CraftPlanVersion.objects.filter(plan__circle=circle).order_by("-number").first()
    return dict(version.parts) if version else {}


def _clean_answers(answers: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, str):
            if value.strip():
                cleaned[key] = value.strip()
        elif isinstance(value, list) and value:
            cleaned[key] = [str(item) for item in value]
    return cleaned


def _clean_options(options: list[dict[str, Any]]) -> list[dict[str, str]]:
    kept = []
    for option in options:
        row = {field: str(option.get(field) or "").strip() for field in engine.OPTION_FIELDS}
        if isinstance(option.get("checked_on"), dt.date):
            row["checked_on"] = option["checked_on"].isoformat()
        if any(row[field] for field in engine.OPTION_FIELDS if field != "kind"):
            kept.append(row)
    return kept[: engine.MAX_OPTIONS]


def _texts(part: str, value: Any) -> list[str]:
    if part == "options":
        return [
            row[field]
            for row in value
            for field in ("name", "how_to_get_in", "cost", "wait", "checked_by")
        ]
    return [text for text in value.values() if isinstance(text, str)]


def save_part(*, circle: Circle, by: Actor, part: str, value: Any) -> SaveResult:
    """Save one worksheet's answers (or the list of options) as a new version.

    Saving what is already there makes no version; an empty first save makes nothing.
    """
    if part not in (*engine.WORKSHEETS, "options"):
        raise ValueError(f"{part!r} is not a part of the CRAFT plan")
    cleaned = _clean_options(value) if part == "options" else _clean_answers(value)
    with transaction.atomic():
        plan = CraftPlan.objects.select_for_update().filter(circle=circle).first()
        current = plan.current if plan else None
        parts = dict(current.parts) if current else {}
        before = parts.get(part, [] if part == "options" else {})
        if cleaned == before:
            return SaveResult(version=None, alert=None)
        if plan is None:
            plan = CraftPlan.objects.create(circle=circle)
        parts[part] = cleaned
        version = CraftPlanVersion.objects.create(
            plan=plan,
            number=(current.number + 1) if current else 1,
            parts=parts,
            changed=part,
            created_by=by.user,
        )
        audit.record(
            action=AuditAction.CRAFT_PLAN_SAVED,
            by=by,
            circle_id=circle.id,
            details={"version": version.number, "part": part},
        )
        old = set(_texts(part, before))
        changed_texts = [text for text in _texts(part, cleaned) if text and text not in old]
        alert = risk_watch.check(texts=changed_texts, actor=by, circle_id=circle.id, where=WHERE)
    return SaveResult(version=version, alert=alert)


def set_sharing(*, circle: Circle, by: Actor, shared: bool) -> CraftPlan:
    return shared_plans.set_sharing(
        CraftPlan,
        circle=circle,
        by=by,
        shared=shared,
        audited=(AuditAction.CRAFT_PLAN_SHARED, AuditAction.CRAFT_PLAN_UNSHARED),
    )


Commented = shared_plans.Commented[CraftComment]
COMMENTS = shared_plans.Comments(CraftComment, AuditAction.CRAFT_PLAN_COMMENTED, where=WHERE)


def add_comment(*, plan: CraftPlan, by: Actor, text: str) -> Commented:
    return shared_plans.add_comment(COMMENTS, plan=plan, by=by, text=text)


def log_step(*, circle: Circle, by: Actor, step: str, happened_on: dt.date) -> InvitationStep:
    if step not in {option.id for option in engine.load_craft().steps}:
        raise ValueError(f"{step!r} is not a step of the invitation")
    if happened_on > timezone.localdate():
        raise ValueError("An outcome cannot be logged for a day still to come.")
    with transaction.atomic():
        logged = InvitationStep.objects.create(
            circle=circle, step=step, happened_on=happened_on, created_by=by.user
        )
        audit.record(
            action=AuditAction.INVITATION_STEP_LOGGED,
            by=by,
            circle_id=circle.id,
            details={"step": step},
        )
    return logged


def invitation_path(membership: Membership) -> tuple[engine.PathStep, ...]:
    """The family's own path, oldest first: asked, the answer, a first visit, still going."""
    logged = InvitationStep.objects.filter(circle_id=membership.circle_id).values_list(
        "step", "happened_on"
    )
    return engine.path_of(list(logged), engine.load_craft())


def record_export(*, circle: Circle, by: Actor, kind: str) -> None:
    audit.record(action=AuditAction.EXPORTED, by=by, circle_id=circle.id, details={"what": kind})


@dataclass(frozen=True)
class RehearsalPlan:
    plan: ConversationPlan
    alert: risk_watch.RiskAlert | None


def plan_for_rehearsal(*, circle: Circle, by: Actor) -> RehearsalPlan | None:
    """The invitation as a conversation plan, so the rehearsal can start from its words.

    The rehearsal starts only from a conversation plan (its ``?plan=`` link), so the
    invitation's words are saved as one, authored by the member who asked. Asking again
    with the same words finds the same plan rather than making another. None when the
    invitation has no words yet.
    """
    invitation = current_parts(circle).get("invitation", {})
    words = invitation.get("exact_words", "")
    if not words:
        return None
    craft = engine.load_craft()
    data = {
        "goal": craft.rehearsal.goal.replace("{name}", circle.name),
        "moment": [],
        "moment_note": invitation.get("good_moment_note", ""),
        "opening": words,
        "listen_for": invitation.get("their_reasons", ""),
        "their_words": invitation.get("their_words", ""),
        "if_no": invitation.get("if_no", "") or craft.rehearsal.if_no,
        "closing": craft.rehearsal.closing,
    }
    mine = ConversationPlan.objects.filter(circle=circle, author=by.user)
    for plan in mine:
        if all(getattr(plan, key) == value for key, value in data.items()):
            return RehearsalPlan(plan=plan, alert=None)
    saved = coach_services.save_plan(circle=circle, by=by, data=data)
    return RehearsalPlan(plan=saved.plan, alert=saved.alert)


@dataclass(frozen=True)
class Noted:
    """What the circle already holds that may point to the loved one's own reasons."""

    #: (day, what they said), newest first: journal entries read as change talk.
    change_talk: tuple[tuple[dt.date, str], ...]
    #: The strongest barriers of the circle's barrier map (Understand), by title.
    barriers: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.change_talk or self.barriers)


CHANGE_TALK_SHOWN = 5
BARRIERS_SHOWN = 3


def already_noted(membership: Membership) -> Noted:
    """Change talk from the journal (as this member may see it) and the top barriers."""
    change_talk: tuple[tuple[dt.date, str], ...] = ()
    if role_has_permission(membership.role, Permission.VIEW_JOURNAL):
        entries = (
            entries_for(membership)
            .filter(talk_kind="change")
            .order_by("-happened_on", "-created_at")[: CHANGE_TALK_SHOWN * 2]
        )
        said = [(e.happened_on, e.they_said) for e in entries if e.they_said.strip()]
        change_talk = tuple(said[:CHANGE_TALK_SHOWN])
    barriers: tuple[str, ...] = ()
    understanding = understand_services.current(membership.circle)
    if understanding is not None:
        top = understanding.assessment.barriers[:BARRIERS_SHOWN]
        barriers = tuple(barrier.title for barrier in top)
    return Noted(change_talk=change_talk, barriers=barriers)
