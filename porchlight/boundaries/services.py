"""Writing boundaries and their tests; every text goes through the risk check.

A boundary is about its author's own actions ("what I won't do any more"), so only
its author may change it; every save writes an audit row (ids only, never the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from porchlight.boundaries.models import Boundary, BoundaryTest, TestResult
from porchlight.circles.models import Circle
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction

FIELDS = ("will_do", "wont_do", "why", "if_crossed", "how_to_say")


@dataclass(frozen=True)
class SavedBoundary:
    boundary: Boundary
    alert: risk_watch.RiskAlert | None


@dataclass(frozen=True)
class LoggedTest:
    test: BoundaryTest
    alert: risk_watch.RiskAlert | None


def save_boundary(
    *,
    circle: Circle,
    by: Actor,
    data: dict[str, Any],
    boundary: Boundary | None = None,
) -> SavedBoundary:
    if boundary is not None and not can_edit(boundary, by.user):
        raise PermissionDenied("Only the boundary's author can change it.")
    with transaction.atomic():
        created = boundary is None
        boundary = boundary or Boundary(circle=circle, author=by.user)
        for field in FIELDS:
            setattr(boundary, field, data.get(field, ""))
        boundary.save()
        audit.record(
            action=AuditAction.BOUNDARY_SAVED,
            by=by,
            circle_id=circle.id,
            details={"boundary": str(boundary.id), "created": created},
        )
        alert = risk_watch.check(
            texts=boundary.texts, actor=by, circle_id=circle.id, where="boundaries"
        )
    return SavedBoundary(boundary=boundary, alert=alert)


def can_edit(boundary: Boundary, user: Any) -> bool:
    """Only the person whose boundary it is; nobody once they have deleted their account."""
    return boundary.author_id is not None and boundary.author_id == getattr(user, "pk", None)


def log_test(*, boundary: Boundary, by: Actor, data: dict[str, Any]) -> LoggedTest:
    with transaction.atomic():
        test = BoundaryTest.objects.create(boundary=boundary, created_by=by.user, **data)
        alert = risk_watch.check(
            texts=[test.note], actor=by, circle_id=boundary.circle_id, where="boundaries"
        )
    return LoggedTest(test=test, alert=alert)


@dataclass(frozen=True)
class Consistency:
    held: int
    bent: int
    broke: int

    @property
    def total(self) -> int:
        return self.held + self.bent + self.broke

    @property
    def held_share(self) -> int | None:
        return round(100 * self.held / self.total) if self.total else None


def consistency(tests: list[BoundaryTest]) -> Consistency:
    results = [t.result for t in tests]
    return Consistency(
        held=results.count(TestResult.HELD),
        bent=results.count(TestResult.BENT),
        broke=results.count(TestResult.BROKE),
    )
