"""Plans a circle keeps together and may share with its professionals.

The safety plan, the CRAFT plan and the family team plan are each one row per
circle with a ``shared_with_professionals`` flag. Members who may view plans
always see it; a professional sees it only once the owner has shared it; turning
sharing on or off, and every comment, is written to the audit log (who and when,
never the words), and every comment is screened for risk. The features call these with
their own model and audit actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models, transaction

from porchlight.circles.models import Circle, Membership
from porchlight.core import audit, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, role_has_permission

Plan = TypeVar("Plan", bound=models.Model)
Version = TypeVar("Version", bound=models.Model)
Comment = TypeVar("Comment", bound=models.Model)


@dataclass(frozen=True)
class SaveResult(Generic[Version]):
    """A save: the new version (None when nothing changed) and any risk alert."""

    version: Version | None
    alert: risk_watch.RiskAlert | None

    @property
    def changed(self) -> bool:
        return self.version is not None


@dataclass(frozen=True)
class Commented(Generic[Comment]):
    """A professional's (or member's) comment on a plan, and any risk alert it raised."""

    comment: Comment
    alert: risk_watch.RiskAlert | None


def visible_plan(model: type[Plan], membership: Membership) -> Plan | None:
    """The circle's plan as this member may see it: professionals only once shared."""
    plan: Any = model._default_manager.filter(circle_id=membership.circle_id).first()
    if plan is None:
        return None
    if not role_has_permission(membership.role, Permission.VIEW_PLANS) and not (
        plan.shared_with_professionals
    ):
        return None
    return plan  # type: ignore[no-any-return]


def set_sharing(
    model: type[Plan],
    *,
    circle: Circle,
    by: Actor,
    shared: bool,
    audited: tuple[AuditAction, AuditAction],
) -> Plan:
    """Share the plan with the circle's professionals, or stop; ``audited`` is (on, off)."""
    with transaction.atomic():
        plan: Any
        plan, _ = model._default_manager.select_for_update().get_or_create(circle=circle)
        if plan.shared_with_professionals != shared:
            plan.shared_with_professionals = shared
            plan.save(update_fields=["shared_with_professionals"])
            audit.record(action=audited[0] if shared else audited[1], by=by, circle_id=circle.id)
    return plan  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Comments(Generic[Comment]):
    """Where a plan's comments go: their model, their audit action, and the risk watch's
    name for the place they were written."""

    model: type[Comment]
    audited: AuditAction
    where: str


def add_comment(
    comments: Comments[Comment], *, plan: Any, by: Actor, text: str
) -> Commented[Comment]:
    """Save a comment on ``plan``, write it to the audit log and screen it for risk.

    Call inside the caller's transaction when more must happen with it (a notification).
    """
    with transaction.atomic():
        comment: Any = comments.model._default_manager.create(
            plan=plan, author=by.user, text=text.strip()
        )
        audit.record(
            action=comments.audited,
            by=by,
            circle_id=plan.circle_id,
            details={"comment": str(comment.id)},
        )
        alert = risk_watch.check(
            texts=[comment.text], actor=by, circle_id=plan.circle_id, where=comments.where
        )
    return Commented(comment=comment, alert=alert)
