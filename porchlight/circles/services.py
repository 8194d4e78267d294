"""Every change to circles, memberships and invitations goes through here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from porchlight.circles.models import Circle, Invitation, InvitationStatus, Membership
from porchlight.core import audit
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.permissions import Permission, Role, role_has_permission
from porchlight.core.tokens import token_digest


class CircleRuleError(Exception):
    """A change that would leave a circle in a state we don't allow."""


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str


def create_circle(
    *,
    by: Actor,
    name: str,
    relationship: str,
    concerns: list[str],
    country: str,
) -> Circle:
    with transaction.atomic():
        circle = Circle.objects.create(
            name=name,
            relationship=relationship,
            concerns=concerns,
            country=country,
            created_by=by.user,
        )
        Membership.objects.create(circle=circle, user=by.user, role=Role.OWNER)
        audit.record(action=AuditAction.CIRCLE_CREATED, by=by, circle_id=circle.id)
    return circle


def update_circle(*, circle: Circle, by: Actor, changes: dict[str, Any]) -> Circle:
    with transaction.atomic():
        for field, value in changes.items():
            setattr(circle, field, value)
        circle.save(update_fields=list(changes))
        audit.record(
            action=AuditAction.CIRCLE_UPDATED,
            by=by,
            circle_id=circle.id,
            details={"fields": sorted(changes)},
        )
    return circle


def create_invitation(*, circle: Circle, by: Actor, role: str, label: str) -> NewInvitation:
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            circle=circle,
            role=role,
            label=label,
            token_digest=token_digest(token),
            created_by=by.user,
            expires_at=timezone.now() + settings.INVITATION_LIFETIME,
        )
        audit.record(
            action=AuditAction.INVITATION_CREATED,
            by=by,
            circle_id=circle.id,
            subject=label,
            details={"role": role, "invitation": str(invitation.id)},
        )
    return NewInvitation(invitation=invitation, token=token)


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("circle", "created_by")
        .filter(token_digest=token_digest(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str:
    """Why this invitation can't be used, in plain words, or "" when it can."""
    if invitation is None:
        return "This invitation link is not valid. Check that it was copied whole."
    status = invitation.status
    if status == InvitationStatus.ACCEPTED:
        return (
            "This invitation has already been used. Each link works once: "
            "ask the person who sent it for a new one."
        )
    if status == InvitationStatus.REVOKED:
        return "This invitation was withdrawn. Ask the person who sent it for a new one."
    if status == InvitationStatus.EXPIRED:
        return (
            f"This invitation expired on {timezone.localtime(invitation.expires_at):%d %B %Y}. "
            "Ask the person who sent it for a new one."
        )
    return ""


def accept_invitation(*, token: str, by: Actor) -> Membership:
    """Join the circle. Raises CircleRuleError with a plain reason when the link can't be used."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("circle")
            .filter(token_digest=token_digest(token))
            .first()
        )
        problem = invitation_problem(invitation)
        if problem:
            raise CircleRuleError(problem)
        assert invitation is not None
        user = by.user
        if Membership.objects.filter(circle=invitation.circle, user=user).exists():
            raise CircleRuleError(f"You are already in {invitation.circle.name}'s circle.")
        membership = Membership.objects.create(
            circle=invitation.circle, user=user, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            action=AuditAction.INVITATION_ACCEPTED,
            by=by,
            circle_id=invitation.circle_id,
            subject=user.email,
            details={"role": invitation.role, "invitation": str(invitation.id)},
        )
    return membership


def revoke_invitation(*, invitation: Invitation, by: Actor) -> None:
    with transaction.atomic():
        if invitation.status != InvitationStatus.PENDING:
            raise CircleRuleError("Only an invitation that is still waiting can be withdrawn.")
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            action=AuditAction.INVITATION_REVOKED,
            by=by,
            circle_id=invitation.circle_id,
            subject=invitation.label,
            details={"invitation": str(invitation.id)},
        )


def lock_circles(circle_ids: Any) -> None:
    """Take the row lock on each circle, in one fixed order, until the transaction ends.

    Every change that could take away a circle's last owner locks the circle row
    first and only then reads its memberships. Two such changes to the same
    circle therefore run one after the other, and the second sees what the first
    did. Sorting the ids means two transactions that lock several circles (an
    account deletion) always take them in the same order and cannot deadlock.
    On SQLite this is a no-op: IMMEDIATE transactions already let one writer in
    at a time.
    """
    ids = sorted({str(circle_id) for circle_id in circle_ids})
    if ids:
        list(Circle.objects.select_for_update().filter(id__in=ids).order_by("id").values("id"))


def _locked(membership: Membership) -> Membership:
    """The membership as it is now, read under its circle's lock. Gone → CircleRuleError."""
    lock_circles([membership.circle_id])
    current = Membership.objects.select_related("user").filter(id=membership.id).first()
    if current is None:
        raise CircleRuleError("That person is no longer in this circle.")
    return current


def _still_manages(actor: Any, circle_id: Any) -> bool:
    """Whether the actor may still manage members, read under the circle's lock."""
    role = (
        Membership.objects.filter(circle_id=circle_id, user_id=actor.pk)
        .values_list("role", flat=True)
        .first()
    )
    return role is not None and role_has_permission(role, Permission.MANAGE_MEMBERS)


def _other_owners(membership: Membership) -> bool:
    return (
        Membership.objects.filter(circle_id=membership.circle_id, role=Role.OWNER)
        .exclude(id=membership.id)
        .exists()
    )


NO_LONGER_MANAGES = "You can no longer change who is in this circle."


def change_role(*, membership: Membership, role: str, by: Actor) -> Membership:
    with transaction.atomic():
        membership = _locked(membership)
        if not _still_manages(by.user, membership.circle_id):
            raise CircleRuleError(NO_LONGER_MANAGES)
        if membership.role == role:
            return membership
        if membership.role == Role.OWNER and not _other_owners(membership):
            raise CircleRuleError(
                "A circle needs at least one owner. Make someone else an owner first."
            )
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            action=AuditAction.ROLE_CHANGED,
            by=by,
            circle_id=membership.circle_id,
            subject=membership.user.email,
            details={"from": previous, "to": role},
        )
    return membership


def remove_member(*, membership: Membership, by: Actor) -> None:
    with transaction.atomic():
        if membership.user_id == by.user.pk:
            raise CircleRuleError("To take yourself out of the circle, use “Leave this circle”.")
        membership = _locked(membership)
        if not _still_manages(by.user, membership.circle_id):
            raise CircleRuleError(NO_LONGER_MANAGES)
        if membership.role == Role.OWNER and not _other_owners(membership):
            raise CircleRuleError("A circle needs at least one owner.")
        membership.delete()
        audit.record(
            action=AuditAction.MEMBER_REMOVED,
            by=by,
            circle_id=membership.circle_id,
            subject=membership.user.email,
            details={"role": membership.role},
        )


def leave_circle(*, membership: Membership, by: Actor) -> None:
    with transaction.atomic():
        membership = _locked(membership)
        if membership.role == Role.OWNER and not _other_owners(membership):
            raise CircleRuleError(
                "You are the only owner. Make someone else an owner before you leave, "
                "so the circle is still looked after."
            )
        membership.delete()
        audit.record(
            action=AuditAction.MEMBER_LEFT,
            by=by,
            circle_id=membership.circle_id,
            subject=membership.user.email,
            details={"role": membership.role},
        )


def delete_circle(*, circle: Circle, by: Actor) -> None:
    """Delete the circle and everything in it. The audit row keeps only its id."""
    with transaction.atomic():
        circle_id = circle.id
        circle.delete()
        audit.record(action=AuditAction.CIRCLE_DELETED, by=by, circle_id=circle_id)


def sole_owner_circles(user: Any) -> list[Membership]:
    """The user's owner memberships where nobody else is an owner."""
    owned = Membership.objects.filter(user=user, role=Role.OWNER).select_related("circle")
    return [
        membership
        for membership in owned
        if not Membership.objects.filter(circle_id=membership.circle_id, role=Role.OWNER)
        .exclude(id=membership.id)
        .exists()
    ]


def hand_over(*, membership: Membership, to: Membership, by: Actor) -> None:
    change_role(membership=to, role=Role.OWNER, by=by)
