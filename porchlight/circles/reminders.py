"""In-app reminders shown on a circle's home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from porchlight.circles.models import Membership

SOON_DAYS = 14


@dataclass(frozen=True)
class Reminder:
    text: str
    url: str
    overdue: bool


def reminders_for(membership: Membership) -> list[Reminder]:
    from porchlight.reminders.services import next_checkin
    from porchlight.safety.services import visible_plan

    reminders = []
    if next_checkin(membership.user) <= timezone.localdate():
        reminders.append(
            Reminder(
                "Time for your weekly check-in: two minutes for you.",
                reverse("selfcare:checkin", kwargs={"circle_id": membership.circle_id}),
                False,
            )
        )
    plan = visible_plan(membership)
    version = plan.current if plan else None
    if version is not None and version.review_on is not None:
        days = (version.review_on - timezone.localdate()).days
        url = reverse("safety:plan", kwargs={"circle_id": membership.circle_id})
        if days < 0:
            reminders.append(
                Reminder(
                    f"The safety plan was due for review on {version.review_on:%d %B %Y}.",
                    url,
                    True,
                )
            )
        elif days <= SOON_DAYS:
            when = "today" if days == 0 else f"on {version.review_on:%d %B %Y}"
            reminders.append(Reminder(f"Time to review the safety plan {when}.", url, False))
    return reminders
