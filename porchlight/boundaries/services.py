"""Writing boundaries and their tests; every text goes through the risk check.

A boundary is about its author's own actions ("what I won't do any more"), so only
its author may change it; every save writes an audit row (ids only, never the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from porchlight.boundaries.models import Boundary, BoundaryTest, TestResult
from porchlight.circles.models import Circle
from porchlight.core import audit
from porchlight.core.models import AuditAction
from porchlight.safety import risk_alerts

FIELDS = ("will_do", "wont_do", "why", "if_crossed", "how_to_say")


def save_boundary(
    *,
    circle: Circle,
    author: Any,
    data: dict[str, Any],
    boundary: Boundary | None = None,
    request: HttpRequest | None = None,
) -> Boundary:
    if boundary is not None and not can_edit(boundary, author):
        raise PermissionDenied("Only the boundary's author can change it.")
    with transaction.atomic():
        created = boundary is None
        boundary = boundary or Boundary(circle=circle, author=author)
        for field in FIELDS:
            setattr(boundary, field, data.get(field, ""))
        boundary.save()
        audit.record(
            action=AuditAction.BOUNDARY_SAVED,
            actor=author,
            circle_id=circle.id,
            details={"boundary": str(boundary.id), "created": created},
            request=request,
        )
        risk_alerts.check_and_record(
            texts=boundary.texts,
            actor=author,
            circle_id=circle.id,
            where="boundaries",
            request=request,
        )
    return boundary


def can_edit(boundary: Boundary, user: Any) -> bool:
    """Only the person whose boundary it is; nobody once they have deleted their account."""
    return boundary.author_id is not None and boundary.author_id == getattr(user, "pk", None)


def log_test(
    *, boundary: Boundary, author: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> BoundaryTest:
    with transaction.atomic():
        test = BoundaryTest.objects.create(boundary=boundary, created_by=author, **data)
        risk_alerts.check_and_record(
            texts=[test.note],
            actor=author,
            circle_id=boundary.circle_id,
            where="boundaries",
            request=request,
        )
    return test


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
