from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from porchlight.accounts.forms import SignUpForm
from porchlight.accounts.models import User
from porchlight.core import audit
from porchlight.core.models import AuditAction


def sign_up(*, form: SignUpForm, request: HttpRequest | None = None) -> User:
    with transaction.atomic():
        user = form.save()
        audit.record(action=AuditAction.SIGNED_UP, actor=user, subject=user.email, request=request)
    return user


def delete_account(
    *, user: User, decisions: dict[str, str], request: HttpRequest | None = None
) -> None:
    """Delete an account and what it wrote; hand over or delete circles it alone owns.

    `decisions` maps the circle id of each circle the user alone owns to the
    membership id of the member who takes over, or to "delete".
    """
    from porchlight.circles import services as circles
    from porchlight.circles.models import Membership
    from porchlight.coach.models import CoachedMessage, ConversationPlan
    from porchlight.core.models import AuditEvent
    from porchlight.journal.models import JournalEntry
    from porchlight.rehearse.models import RehearsalSession

    with transaction.atomic():
        for membership in circles.sole_owner_circles(user):
            choice = decisions.get(str(membership.circle_id), "")
            if choice == "delete":
                circles.delete_circle(circle=membership.circle, actor=user, request=request)
                continue
            heir = Membership.objects.filter(id=choice, circle_id=membership.circle_id).first()
            if heir is None or heir.user_id == user.pk:
                raise circles.CircleRuleError(
                    f"Choose who looks after {membership.circle.name}'s circle, or delete it."
                )
            circles.hand_over(membership=membership, to=heir, request=request)
        JournalEntry.objects.filter(author=user).delete()
        CoachedMessage.objects.filter(author=user).delete()
        ConversationPlan.objects.filter(author=user).delete()
        RehearsalSession.objects.filter(author=user).delete()
        email = user.email
        user.delete()
        AuditEvent.objects.redact_label(email)
        audit.record(action=AuditAction.ACCOUNT_DELETED, request=request)
