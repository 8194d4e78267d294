"""What is due for a person: the weekly check-in and safety-plan reviews.

One due list (`_due`) feeds the in-app reminders on a circle's home page
(`reminders_for`), the iCalendar feed (`calendar`) and the e-mail (tasks.py,
through `due_for`). Feed and e-mail texts name no one: a calendar or inbox may be
seen by others.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from porchlight.circles.models import Membership
from porchlight.core.links import link
from porchlight.reminders.models import ReminderSettings, new_feed_token
from porchlight.safety.exports import REVIEW_TITLE
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion
from porchlight.safety.services import visible_plan
from porchlight.selfcare.models import CheckIn

CHECKIN_EVERY = dt.timedelta(days=7)
SOON_DAYS = 14  # a plan review shows on the circle's home page this many days ahead


@dataclass(frozen=True)
class Due:
    uid: str
    title: str
    on: dt.date
    weekly: bool = False
    circle_id: uuid.UUID | None = None  # the circle of a plan review; None for the check-in


@dataclass(frozen=True)
class Reminder:
    """One line on a circle's home page."""

    text: str
    url: str
    overdue: bool


def existing_settings(user: Any) -> ReminderSettings | None:
    """The person's settings if they have any; reading them never writes."""
    return ReminderSettings.objects.filter(user=user).first()


def settings_for(user: Any) -> ReminderSettings:
    """The person's settings, made (with a calendar link) the first time."""
    found, _ = ReminderSettings.objects.get_or_create(user=user)
    return found


def new_token(user: Any) -> ReminderSettings:
    with transaction.atomic():
        found = settings_for(user)
        found.feed_token = new_feed_token()
        found.save(update_fields=["feed_token"])
    return found


def save_settings(*, user: Any, email_reminders: bool) -> ReminderSettings:
    with transaction.atomic():
        found = settings_for(user)
        found.email_reminders = email_reminders
        found.save(update_fields=["email_reminders"])
    return found


def next_checkin(user: Any, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    last = CheckIn.objects.filter(user=user).first()
    if last is None:
        return today
    return max(today, timezone.localdate(last.created_at) + CHECKIN_EVERY)


class Unknown:
    """Not looked up yet (``None`` is an answer: no plan)."""


UNKNOWN = Unknown()


def _due(
    user: Any,
    memberships: Iterable[Membership],
    today: dt.date | None,
    *,
    checkin_on: dt.date | None = None,
    plan: SafetyPlan | Unknown | None = UNKNOWN,
    plan_version: SafetyPlanVersion | Unknown | None = UNKNOWN,
) -> list[Due]:
    """The one due list: the weekly check-in, then each visible plan's next review.

    ``checkin_on``, ``plan`` and ``plan_version`` (one membership only) are what the
    caller already read in this request, so the circle's home page does not ask the
    database twice.
    """
    items = [
        Due(
            uid=f"checkin-{user.pk}@porchlight",
            title="Porchlight: your weekly check-in",
            on=checkin_on or next_checkin(user, today),
            weekly=True,
        )
    ]
    for membership in memberships:
        found = visible_plan(membership) if isinstance(plan, Unknown) else plan
        if found is None:
            version = None
        elif isinstance(plan_version, Unknown):
            version = found.current
        else:
            version = plan_version
        if found is not None and version is not None and version.review_on is not None:
            items.append(
                Due(
                    uid=f"plan-review-{found.id}@porchlight",
                    title=REVIEW_TITLE,
                    on=version.review_on,
                    circle_id=membership.circle_id,
                )
            )
    return items


def due_for(user: Any, today: dt.date | None = None) -> list[Due]:
    """Everything due for a person, across their circles (the .ics feed and the e-mail)."""
    return _due(user, Membership.objects.filter(user=user).select_related("circle"), today)


def reminders_for(
    membership: Membership,
    today: dt.date | None = None,
    *,
    checkin_on: dt.date | None = None,
    plan: SafetyPlan | Unknown | None = UNKNOWN,
    plan_version: SafetyPlanVersion | Unknown | None = UNKNOWN,
) -> list[Reminder]:
    """The same list, for one circle's home page: what is due now or soon, as links.

    ``checkin_on`` (from :func:`next_checkin`), ``plan`` (from ``visible_plan``) and
    ``plan_version`` (its ``current``) may be passed when the caller has them already.
    """
    today = today or timezone.localdate()
    circle = {"circle_id": membership.circle_id}
    reminders = []
    due = _due(
        membership.user,
        [membership],
        today,
        checkin_on=checkin_on,
        plan=plan,
        plan_version=plan_version,
    )
    for item in due:
        if item.weekly:
            if item.on <= today:
                reminders.append(
                    Reminder(
                        "Time for your weekly check-in: two minutes for you.",
                        link("selfcare:checkin", **circle),
                        False,
                    )
                )
            continue
        days = (item.on - today).days
        url = link("safety:plan", **circle)
        if days < 0:
            reminders.append(
                Reminder(f"The safety plan was due for review on {item.on:%d %B %Y}.", url, True)
            )
        elif days <= SOON_DAYS:
            when = "today" if days == 0 else f"on {item.on:%d %B %Y}"
            reminders.append(Reminder(f"Time to review the safety plan {when}.", url, False))
    return reminders


def calendar(user: Any) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Porchlight//Reminders//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", "Porchlight reminders")
    for item in due_for(user):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", item.on)
        event.add("summary", item.title)
        if item.weekly:
            event.add("rrule", {"freq": "weekly"})
        feed.add_component(event)
    ics: bytes = feed.to_ical()
    return ics
