"""Everything of a circle a member can see, as JSON, and back again.

The export holds content, not database ids: authors are named (and marked when
they are the exporting member), dates keep their original values, and links
between records (a journal entry made from a saved safety check) are by
position. Importing creates a new circle owned by the importing member with
the same content; exporting that circle again gives the same document apart
from the export time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from porchlight.boundaries.models import Boundary, BoundaryTest
from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.journal.access import entries_for
from porchlight.journal.models import JournalEntry
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion, SavedCheck
from porchlight.understand.models import BarrierAnswers, StageRecord

FORMAT = "porchlight-circle-export"
VERSION = 1

# Each exported kind: its model and the content fields carried over.
# Saved checks come before journal entries, which point at them.
FIELDS: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "safety_checks": (SavedCheck, ("level", "rule_ids", "answers")),
    "journal_entries": (
        JournalEntry,
        ("kind", "happened_on", "tension", "tried", "happened", "they_said", "tags", "private"),
    ),
    "safety_plan_versions": (SafetyPlanVersion, ("number", "sections", "review_on")),
    "coached_messages": (CoachedMessage, ("text", "feedback", "outcome", "outcome_note")),
    "conversation_plans": (
        ConversationPlan,
        ("goal", "moment", "moment_note", "opening", "listen_for", "if_no", "closing"),
    ),
    "barrier_answers": (BarrierAnswers, ("answers", "adjusted_barriers")),
    "boundaries": (Boundary, ("will_do", "wont_do", "why", "if_crossed", "how_to_say", "active")),
    "stage_records": (StageRecord, ("stage", "recent_relapse", "source")),
}
AUTHOR_FIELD = {
    SafetyPlanVersion: "created_by",
    SavedCheck: "created_by",
    BarrierAnswers: "created_by",
    StageRecord: "created_by",
}


class CircleImportError(ValueError):
    """The file is not a Porchlight export this version can read."""


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
    records: dict[str, list[Model]] = {kind: [] for kind in FIELDS}
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
    if can(Permission.VIEW_PLANS):
        kinds = ("coached_messages", "conversation_plans", "barrier_answers", "stage_records")
        for kind in (*kinds, "boundaries"):
            model = FIELDS[kind][0]
            records[kind] = list(
                model._default_manager.filter(circle_id=circle_id).order_by("created_at", "id")
            )
    return records


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
            records["safety_plan_versions"] and circle.safety_plan.shared_with_professionals
        ),
    }
    for kind, (_, fields) in FIELDS.items():
        document[kind] = [_record(obj, fields, member) for obj in records[kind]]
    for data, boundary in zip(document["boundaries"], records["boundaries"], strict=True):
        data["tests"] = [
            {"happened_on": _plain(t.happened_on), "result": t.result, "note": t.note}
            for t in boundary.tests.order_by("happened_on", "created_at")  # type: ignore[attr-defined]
        ]
    for data, entry in zip(document["journal_entries"], records["journal_entries"], strict=True):
        check = entry.safety_check  # type: ignore[attr-defined]
        data["safety_check"] = checks.index(check) if check in checks else None
    return document


def _parse_value(model: type[Model], field: str, value: Any) -> Any:
    internal = model._meta.get_field(field).get_internal_type()
    if value is not None and internal == "DateField":
        return dt.date.fromisoformat(value)
    return value


def import_circle(document: dict[str, Any], *, owner: Any) -> Circle:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CircleImportError("This is not a Porchlight circle export.")
    if document.get("version") != VERSION:
        raise CircleImportError(
            f"This export has version {document.get('version')!r}; we read {VERSION}."
        )
    from porchlight.circles.services import create_circle

    info = document["circle"]
    with transaction.atomic():
        circle = create_circle(
            user=owner,
            name=info["name"],
            relationship=info["relationship"],
            concerns=info["concerns"],
            country=info["country"],
        )
        plan = None
        if document.get("safety_plan_versions"):
            plan = SafetyPlan.objects.create(
                circle=circle,
                shared_with_professionals=document.get(
                    "safety_plan_shared_with_professionals", False
                ),
            )
        created: dict[str, list[Model]] = {}
        for kind, (model, fields) in FIELDS.items():
            created[kind] = []
            for data in document.get(kind, []):
                values = {field: _parse_value(model, field, data[field]) for field in fields}
                values[_author_field(model)] = owner if data.get("author_is_me") else None
                if model is SafetyPlanVersion:
                    values["plan"] = plan
                else:
                    values["circle"] = circle
                if model is JournalEntry and data.get("safety_check") is not None:
                    values["safety_check"] = created["safety_checks"][data["safety_check"]]
                obj = model._default_manager.create(**values)
                # Keep the original times (auto_now_add would stamp "now").
                model._default_manager.filter(pk=obj.pk).update(
                    created_at=dt.datetime.fromisoformat(data["created_at"])
                )
                for test in data.get("tests", []) if model is Boundary else []:
                    BoundaryTest.objects.create(  # type: ignore[misc]  # obj is a Boundary here
                        boundary=obj,
                        happened_on=dt.date.fromisoformat(test["happened_on"]),
                        result=test["result"],
                        note=test["note"],
                        created_by=owner,
                    )
                created[kind].append(obj)
    return circle
