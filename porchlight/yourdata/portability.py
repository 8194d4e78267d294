"""Everything of a circle a member can see, as JSON, and back again.

The export holds content, not database ids: authors are named (and marked when
they are the exporting member), dates keep their original values, and links
between records (a journal entry made from a saved safety check) are by
position. Importing creates a new circle owned by the importing member with
the same content; exporting that circle again gives the same document apart
from the export time.

What is private stays private: "only me" journal entries and rehearsals, and the
member's own weekly check-ins and self-care plan (which belong to the person, not
the circle), are only in that member's own export.

A rehearsal is exported with its turns: what was said, the simulated person's
authored reply, the coach's note, and how they felt after each turn. Its current
state and its summary are not in the file: both follow from the turns (the state is
the last turn's, the summary is summed again), so an import cannot disagree with
itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from porchlight.boundaries.models import Boundary, BoundaryTest
from porchlight.circles.models import Circle, Membership
from porchlight.circles.services import create_circle
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.coach.services import PLAN_FIELDS
from porchlight.core import audit
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.craft.models import CraftComment, CraftPlan, CraftPlanVersion, InvitationStep
from porchlight.journal.access import entries_for
from porchlight.journal.models import JournalEntry
from porchlight.journal.services import talk_kind
from porchlight.notifications.models import Notification
from porchlight.rehearse import engine as rehearse_engine
from porchlight.rehearse import services as rehearse
from porchlight.rehearse.models import RehearsalSession, RehearsalTurn
from porchlight.safety.models import PlanComment, SafetyPlan, SafetyPlanVersion, SavedCheck
from porchlight.selfcare.models import CheckIn, SelfCarePlan
from porchlight.team import services as team
from porchlight.team.models import Letter, TeamComment, TeamPlan, TeamPlanVersion
from porchlight.understand.models import BarrierAnswers, StageRecord
from porchlight.yourdata import import_check

FORMAT = import_check.FORMAT
VERSION = import_check.VERSION

# Each exported kind: its model and the content fields carried over.
# Saved checks come before journal entries, which point at them.
FIELDS: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "safety_checks": (SavedCheck, ("level", "rule_ids", "answers")),
    "journal_entries": (
        JournalEntry,
        ("kind", "happened_on", "tension", "tried", "happened", "they_said", "tags", "private"),
    ),
    "safety_plan_versions": (SafetyPlanVersion, ("number", "sections", "review_on")),
    "plan_comments": (PlanComment, ("text",)),
    "coached_messages": (CoachedMessage, ("text", "feedback", "outcome", "outcome_note")),
    "conversation_plans": (ConversationPlan, PLAN_FIELDS),
    "barrier_answers": (BarrierAnswers, ("answers", "adjusted_barriers")),
    "boundaries": (Boundary, ("will_do", "wont_do", "why", "if_crossed", "how_to_say", "active")),
    "stage_records": (StageRecord, ("stage", "recent_relapse", "source")),
    # The CRAFT plan (porchlight/craft): its versions and comments, like the safety
    # plan's, and the invitation's logged outcomes.
    "craft_plan_versions": (CraftPlanVersion, ("number", "parts", "changed")),
    "craft_comments": (CraftComment, ("text",)),
    "invitation_steps": (InvitationStep, ("step", "happened_on")),
    # Issue #15: the family team plan (versions, comments) and the letters.
    "team_plan_versions": (TeamPlanVersion, ("number", "content")),
    "team_comments": (TeamComment, ("text",)),
    "team_letters": (Letter, ("text", "bottom_line", "shared")),
}
# Rehearsals are exported on their own: their turns nest inside, and the plan they
# started from is named by its place in conversation_plans.
REHEARSAL_FIELDS = (
    "scenario", "personality", "seed", "goal", "opening", "they_might_say", "private",
    "rewinds", "finished_at",
)  # fmt: skip
TURN_FIELDS = ("number", "text", "reply", "note", "move", "counts", "state_after", "alert")
AUTHOR_FIELD = {
    SafetyPlanVersion: "created_by",
    SavedCheck: "created_by",
    BarrierAnswers: "created_by",
    StageRecord: "created_by",
    CraftPlanVersion: "created_by",
    InvitationStep: "created_by",
    TeamPlanVersion: "created_by",
}


CircleImportError = import_check.CircleImportError


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _author_field(model: type[Model]) -> str:
    return AUTHOR_FIELD.get(model, "author")


def _record(obj: Model, fields: Iterable[str], member: Membership) -> dict[str, Any]:
    author = getattr(obj, _author_field(type(obj)))
    data = {field: _plain(getattr(obj, field)) for field in fields}
    data["created_at"] = _plain(obj.created_at)  # type: ignore[attr-defined]
    data["author"] = author.display_name if author else None
    data["author_is_me"] = author is not None and author.pk == member.user_id
    return data


def visible_records(member: Membership) -> dict[str, list[Model]]:
    """The circle's records this member may see, oldest first, per exported kind."""
    circle_id = member.circle_id
    can = lambda permission: role_has_permission(member.role, permission)  # noqa: E731
    plan = SafetyPlan.objects.filter(circle_id=circle_id).first()
    plan_visible = plan is not None and (
        can(Permission.VIEW_PLANS) or plan.shared_with_professionals
    )
    records: dict[str, list[Model]] = {kind: [] for kind in (*FIELDS, "rehearsals")}
    if can(Permission.VIEW_JOURNAL):
        records["journal_entries"] = list(
            entries_for(member)
            .select_related("author", "safety_check")
            .order_by("created_at", "id")
        )
        # Another member's private check (their own distress or fear) is theirs alone.
        records["safety_checks"] = list(
            SavedCheck.objects.filter(circle_id=circle_id)
            .filter(Q(private=False) | Q(created_by_id=member.user_id))
            .order_by("created_at", "id")
        )
    if plan_visible and plan is not None:
        records["safety_plan_versions"] = list(plan.versions.order_by("number"))
        records["plan_comments"] = list(
            plan.comments.select_related("author").order_by("created_at", "id")
        )
    if can(Permission.VIEW_PLANS):
        kinds = ("coached_messages", "conversation_plans", "barrier_answers", "stage_records")
        for kind in (*kinds, "boundaries"):
            model = FIELDS[kind][0]
            records[kind] = list(
                model._default_manager.filter(circle_id=circle_id).order_by("created_at", "id")
            )
    craft = CraftPlan.objects.filter(circle_id=circle_id).first()
    if craft is not None and (can(Permission.VIEW_PLANS) or craft.shared_with_professionals):
        records["craft_plan_versions"] = list(craft.versions.order_by("number"))
        records["craft_comments"] = list(
            craft.comments.select_related("author").order_by("created_at", "id")
        )
        records["invitation_steps"] = list(
            InvitationStep.objects.filter(circle_id=circle_id).order_by("created_at", "id")
        )
    # Issue #15: the team plan as its pages show it; letters to who may open the letter
    # pages, and another member's private letter is theirs alone.
    team_plan = team.visible_plan(member)
    if team_plan is not None:
        records["team_plan_versions"] = list(team_plan.versions.order_by("number"))
        records["team_comments"] = list(
            team_plan.comments.select_related("author").order_by("created_at", "id")
        )
    if can(Permission.EDIT_PLANS):
        records["team_letters"] = list(
            team.letters_for(member).select_related("author").order_by("created_at", "id")
        )
    if can(Permission.EDIT_PLANS):  # who may open the rehearsal pages
        # Another member's private rehearsal is theirs alone, as on the pages.
        records["rehearsals"] = list(
            rehearse.sessions_for(member)
            .select_related("author")
            .prefetch_related("turns")
            .order_by("created_at", "id")
        )
    return records


def _rehearsal(session: RehearsalSession, member: Membership, plans: list[Model]) -> dict[str, Any]:
    data = _record(session, REHEARSAL_FIELDS, member)
    plan = session.plan if session.plan_id else None
    data["plan"] = plans.index(plan) if plan in plans else None
    data["turns"] = [
        {**{f: _plain(getattr(t, f)) for f in TURN_FIELDS}, "created_at": _plain(t.created_at)}
        for t in session.turns.all()
    ]
    return data


def export_circle(member: Membership) -> dict[str, Any]:
    circle = member.circle
    records = visible_records(member)
    checks = records["safety_checks"]
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "exported_by": member.user.display_name,
        "circle": {
            "name": circle.name,
            "relationship": circle.relationship,
            "concerns": list(circle.concerns),
            "country": str(circle.country),
        },
        "safety_plan_shared_with_professionals": bool(
            (records["safety_plan_versions"] or records["plan_comments"])
            and circle.safety_plan.shared_with_professionals
        ),
        "craft_plan_shared_with_professionals": bool(
            (records["craft_plan_versions"] or records["craft_comments"])
            and circle.craft_plan.shared_with_professionals
        ),
        "team_plan_shared_with_professionals": bool(
            (records["team_plan_versions"] or records["team_comments"])
            and circle.team_plan.shared_with_professionals
        ),
    }
    for kind, (_, fields) in FIELDS.items():
        document[kind] = [_record(obj, fields, member) for obj in records[kind]]
    document["rehearsals"] = [
        _rehearsal(s, member, records["conversation_plans"])  # type: ignore[arg-type]
        for s in records["rehearsals"]
    ]
    document.update(own_selfcare(member.user))
    document["notifications"] = own_notifications(member)
    for data, boundary in zip(document["boundaries"], records["boundaries"], strict=True):
        data["tests"] = [
            {"happened_on": _plain(t.happened_on), "result": t.result, "note": t.note}
            for t in boundary.tests.order_by("happened_on", "created_at")  # type: ignore[attr-defined]
        ]
    for data, entry in zip(document["journal_entries"], records["journal_entries"], strict=True):
        check = getattr(entry, "safety_check", None)  # the check this entry tells of
        data["safety_check"] = checks.index(check) if check in checks else None
    return document


def own_notifications(member: Membership) -> list[dict[str, Any]]:
    """The member's own notifications about this circle: what happened, when, when read.
    Only in their export, with no one's name (a notification never holds one); an import
    gives them back to the importer, about the new circle, from no one in particular."""
    return [
        {"kind": n.kind, "created_at": _plain(n.created_at), "read_at": _plain(n.read_at)}
        for n in Notification.objects.filter(user=member.user, circle_id=member.circle_id).order_by(
            "created_at", "id"
        )
    ]


def own_selfcare(user: Any) -> dict[str, Any]:
    """The member's own check-ins and self-care plan: theirs alone, in every circle."""
    plan = SelfCarePlan.objects.filter(user=user).first()
    return {
        "checkins": [
            {
                "created_at": _plain(c.created_at),
                "answers": c.answers,
                "score": c.score,
                "band": c.band,
            }
            for c in CheckIn.objects.filter(user=user).order_by("created_at", "id")
        ],
        "selfcare_plan": None
        if plan is None
        else {"answers": plan.answers, "updated_at": _plain(plan.updated_at)},
    }


def _parse_value(model: type[Model], field: str, value: Any) -> Any:
    internal = model._meta.get_field(field).get_internal_type()
    if value is not None and internal == "DateField":
        return dt.date.fromisoformat(value)
    return value


def _moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


@dataclass
class Imported:
    circle: Circle
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


def read_export(text: str) -> tuple[Any, dict[import_check.Path, int]]:
    """The file's JSON with the line each value starts on (CircleImportError if not JSON)."""
    return import_check.read_json(text)


def import_circle(
    document: Any, *, owner: Any, lines: dict[import_check.Path, int] | None = None
) -> Imported:
    """Check the whole document, then create its circle for `owner` in one transaction.

    Any problem raises CircleImportError before a single row is written.
    """
    if isinstance(document, dict):
        # Exports made before comments and self-care were exported lack these parts.
        document = {
            "plan_comments": [], "checkins": [], "selfcare_plan": None, "rehearsals": [],
            # ... and before the CRAFT plan was.
            "craft_plan_versions": [], "craft_comments": [], "invitation_steps": [],
            "craft_plan_shared_with_professionals": False,
            "team_plan_versions": [], "team_comments": [], "team_letters": [],
            "team_plan_shared_with_professionals": False,
            **document,
        }  # fmt: skip
        # ... and plans made before "What might they say?" lack its answer.
        plans = document.get("conversation_plans")
        if isinstance(plans, list):
            document["conversation_plans"] = [
                {"their_words": "", **p} if isinstance(p, dict) else p for p in plans
            ]
    import_check.check_document(document, lines or {})

    info = document["circle"]
    notes: list[str] = []
    with transaction.atomic():
        circle = create_circle(
            by=Actor(owner),
            name=info["name"].strip(),
            relationship=info["relationship"],
            concerns=info["concerns"],
            country=info["country"],
        )
        plan = None
        if document["safety_plan_versions"] or document["plan_comments"]:
            plan = SafetyPlan.objects.create(
                circle=circle,
                shared_with_professionals=document["safety_plan_shared_with_professionals"],
            )
        team_plan = None
        if document["team_plan_versions"] or document["team_comments"]:
            team_plan = TeamPlan.objects.create(
                circle=circle,
                shared_with_professionals=document["team_plan_shared_with_professionals"],
            )
        craft_plan = None
        if document["craft_plan_versions"] or document["craft_comments"]:
            craft_plan = CraftPlan.objects.create(
                circle=circle,
                shared_with_professionals=document["craft_plan_shared_with_professionals"],
            )
        plan_of: dict[type[Model], Model | None] = {
            SafetyPlanVersion: plan,
            PlanComment: plan,
            CraftPlanVersion: craft_plan,
            CraftComment: craft_plan,
            TeamPlanVersion: team_plan,
            TeamComment: team_plan,
        }
        created: dict[str, list[Model]] = {}
        for kind, (model, fields) in FIELDS.items():
            created[kind] = []
            for data in document[kind]:
                values = {name: _parse_value(model, name, data[name]) for name in fields}
                values[_author_field(model)] = owner if data["author_is_me"] else None
                if model in plan_of:
                    values["plan"] = plan_of[model]
                else:
                    values["circle"] = circle
                if model is JournalEntry:
                    values["talk_kind"] = talk_kind(data["they_said"])
                obj = model._default_manager.create(**values)
                if model is JournalEntry and data["safety_check"] is not None:
                    check = created["safety_checks"][data["safety_check"]]
                    SavedCheck.objects.filter(pk=check.pk).update(journal_entry=obj)
                # Keep the original times (auto_now_add would stamp "now").
                model._default_manager.filter(pk=obj.pk).update(
                    created_at=_moment(data["created_at"])
                )
                for test in data["tests"] if model is Boundary else []:
                    BoundaryTest.objects.create(  # type: ignore[misc]  # obj is a Boundary here
                        boundary=obj,
                        happened_on=dt.date.fromisoformat(test["happened_on"]),
                        result=test["result"],
                        note=test["note"],
                        created_by=owner,
                    )
                created[kind].append(obj)
        created["rehearsals"] = [
            _import_rehearsal(circle, owner, data, created["conversation_plans"])
            for data in document["rehearsals"]
        ]
        created["checkins"] = _import_checkins(owner, document["checkins"])
        created["notifications"] = _import_notifications(
            owner, circle, document.get("notifications", [])
        )
        if document["selfcare_plan"] is not None:
            if SelfCarePlan.objects.filter(user=owner).exists():
                notes.append("Your own self-care plan was kept; the one in the file was not used.")
            else:
                saved = SelfCarePlan.objects.create(
                    user=owner, answers=document["selfcare_plan"]["answers"]
                )
                SelfCarePlan.objects.filter(pk=saved.pk).update(
                    updated_at=_moment(document["selfcare_plan"]["updated_at"])
                )
        counts = {kind: len(rows) for kind, rows in created.items()}
        audit.record(
            action=AuditAction.CIRCLE_IMPORTED, actor=owner, circle_id=circle.id, details=counts
        )
    return Imported(circle=circle, counts=counts, notes=notes)


def _import_notifications(owner: Any, circle: Any, rows: list[dict[str, Any]]) -> list[Model]:
    """The file's notifications become the owner's, about the new circle; who acted is
    not in the file (ids of another server mean nothing here), so the actor is unknown."""
    added: list[Model] = []
    for data in rows:
        saved = Notification.objects.create(user=owner, circle=circle, kind=data["kind"])
        Notification.objects.filter(pk=saved.pk).update(
            created_at=_moment(data["created_at"]),
            read_at=_moment(data["read_at"]) if data["read_at"] else None,
        )
        added.append(saved)
    return added


def _import_checkins(owner: Any, checkins: list[dict[str, Any]]) -> list[Model]:
    """The file's check-ins become the owner's, skipping any they already have."""
    have = {(c.created_at, repr(c.answers)) for c in CheckIn.objects.filter(user=owner)}
    added: list[Model] = []
    for data in checkins:
        when = _moment(data["created_at"])
        if (when, repr(data["answers"])) in have:
            continue
        saved = CheckIn.objects.create(
            user=owner, answers=data["answers"], score=data["score"], band=data["band"]
        )
        CheckIn.objects.filter(pk=saved.pk).update(created_at=when)
        added.append(saved)
    return added


def _import_rehearsal(
    circle: Circle, owner: Any, data: dict[str, Any], plans: list[Model]
) -> RehearsalSession:
    """One checked rehearsal and its turns; its state and summary follow from the turns."""
    scenario, personality = rehearse.content_of(data["scenario"], data["personality"])
    turns = data["turns"]
    state = (
        turns[-1]["state_after"] if turns else rehearse_engine.initial_state(scenario, personality)
    )
    finished = _moment(data["finished_at"]) if data["finished_at"] else None
    plan = plans[data["plan"]] if data["plan"] is not None else None
    session = RehearsalSession.objects.create(
        circle=circle,
        author=owner if data["author_is_me"] else None,
        scenario=data["scenario"],
        personality=data["personality"],
        seed=data["seed"],
        plan=plan,
        goal=data["goal"],
        opening=data["opening"],
        they_might_say=data["they_might_say"],
        private=data["private"],
        state=state,
        rewinds=data["rewinds"],
        finished_at=finished,
    )
    for turn in turns:
        saved = RehearsalTurn.objects.create(
            session=session,
            **{f: turn[f] for f in TURN_FIELDS},
            level=turn["state_after"]["level"],
        )
        RehearsalTurn.objects.filter(pk=saved.pk).update(created_at=_moment(turn["created_at"]))
    summary = rehearse.summary_of(session) if finished else {}
    RehearsalSession.objects.filter(pk=session.pk).update(
        created_at=_moment(data["created_at"]), summary=summary
    )
    return session
