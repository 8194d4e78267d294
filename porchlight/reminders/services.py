"""What is due for a person: the weekly check-in and safety-plan reviews.

The same list feeds the in-app reminders, the iCalendar feed and the e-mail.
Texts name no one: a calendar or inbox may be seen by others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from porchlight.circles.models import Membership
from porchlight.reminders.models import ReminderSettings, new_feed_token
from porchlight.safety.exports import REVIEW_TITLE
from porchlight.selfcare.models import CheckIn

CHECKIN_EVERY = dt.timedelta(days=7)


@dataclass(frozen=True)
class Due:
    uid: str
    title: str
    on: dt.date
    weekly: bool = False


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


def due_for(user: Any, today: dt.date | None = None) -> list[Due]:
    from porchlight.safety.services import visible_plan

    items = [
        Due(
            uid=f"checkin-{user.pk}@porchlight",
            title="Porchlight: your weekly check-in",
            on=next_checkin(user, today),
            weekly=True,
        )
    ]
    for membership in Membership.objects.filter(user=user).select_related("circle"):
        plan = visible_plan(membership)
        version = plan.current if plan else None
        if version is not None and version.review_on is not None:
            items.append(
                Due(
                    uid=f"plan-review-{plan.id}@porchlight",  # type: ignore[union-attr]
                    title=REVIEW_TITLE,
                    on=version.review_on,
                )
            )
    return items


def calendar(user: Any) -> bytes:
    from icalendar import Calendar, Event

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
