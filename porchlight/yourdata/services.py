"""Deleting an account: the one write that reaches into every feature's tables."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.db.models import Q

from porchlight.accounts.models import PendingSignUp, User
from porchlight.boundaries.models import Boundary, BoundaryTest
from porchlight.circles import services as circles
from porchlight.circles.models import Membership
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core import audit
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.craft.models import CraftComment
from porchlight.journal.models import JournalEntry
from porchlight.notifications.models import Notification
from porchlight.rehearse.models import RehearsalSession
from porchlight.safety.models import PlanComment
from porchlight.team.models import Letter, TeamComment


def delete_account(*, user: User, decisions: dict[str, str], by: Actor) -> None:
    """Delete an account and what it wrote; hand over or delete circles it alone owns.

    `decisions` maps the circle id of each circle the user alone owns to the
    membership id of the member who takes over, or to "delete".

    What happens to each kind of data (the confirm page says the same):
    - deleted: the account, its memberships, journal entries, saved messages,
      conversation plans, rehearsals (shared or not, with their turns), boundaries
      (with every test logged on them), boundary tests it logged on others'
      boundaries, comments on safety plans, CRAFT plans and the family team plan, its
      letters of love and concern (private or shared), its self-care check-ins and plan,
      reminder settings, its notifications and those telling others what it did,
      and every log-in attempt and log-in record django-axes
      kept for its address (with IP and browser);
    - handed over to the circle, without the person's name: the safety plan, the CRAFT
      invitation plan and the family team plan, with the versions of them they saved
      (the family keeps its plans; the team plan names people by first name only, as
      its members typed them), saved safety checks, barrier answers, stage updates and
      logged invitation steps (answers picked from lists);
    - kept, redacted: audit rows stay, with the address replaced by "deleted
      account" however it was typed.
    """
    with transaction.atomic():
        # Lock every circle the person is in before reading who owns what, so a
        # co-owner leaving at the same moment cannot leave a circle with no owner.
        circles.lock_circles(
            Membership.objects.filter(user=user).values_list("circle_id", flat=True)
        )
        for membership in circles.sole_owner_circles(user):
            choice = decisions.get(str(membership.circle_id), "")
            if choice == "delete":
                circles.delete_circle(circle=membership.circle, by=by)
                continue
            heir = Membership.objects.filter(id=choice, circle_id=membership.circle_id).first()
            if heir is None or heir.user_id == user.pk:
                raise circles.CircleRuleError(
                    f"Choose who looks after {membership.circle.name}'s circle, or delete it."
                )
            circles.hand_over(membership=membership, to=heir, by=by)
        JournalEntry.objects.filter(author=user).delete()
        CoachedMessage.objects.filter(author=user).delete()
        ConversationPlan.objects.filter(author=user).delete()
        Boundary.objects.filter(author=user).delete()
        BoundaryTest.objects.filter(created_by=user).delete()
        PlanComment.objects.filter(author=user).delete()
        CraftComment.objects.filter(author=user).delete()
        RehearsalSession.objects.filter(author=user).delete()
        # Issue #15: a letter is its writer's own words, like a boundary or a rehearsal.
        Letter.objects.filter(author=user).delete()
        TeamComment.objects.filter(author=user).delete()
        Notification.objects.filter(Q(user=user) | Q(actor=user)).delete()
        email = user.email
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=email).delete()
        PendingSignUp.objects.filter(email__iexact=email).delete()
        user.delete()
        AuditEvent.objects.redact_label(email)
        # The account is gone: the row keeps only where the deletion came from.
        audit.record(action=AuditAction.ACCOUNT_DELETED, by=Actor(user=None, ip=by.ip))
