"""PDF and iCalendar exports of the safety plan, rendered from the same data as the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from porchlight.core import pdf
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion

PDF_STYLES = Path(__file__).resolve().parent / "pdf"

#: Calendar entries and e-mails name no one and do not say "safety" or "crisis": a shared
#: calendar, a lock screen or an inbox may be seen by the person the plan is about.
REVIEW_TITLE = "Porchlight: a plan to look over"
REVIEW_DESCRIPTION = "A reminder you set in Porchlight. Open it to see what is due: {url}"
REVIEW_ALARM = "Tomorrow: a plan to look over (Porchlight)"


def render_pdf(template: str, context: dict[str, Any], stylesheet: str) -> bytes:
    return pdf.render_pdf(template, context, PDF_STYLES / stylesheet)


def review_calendar(plan: SafetyPlan, version: SafetyPlanVersion, plan_url: str) -> bytes:

    calendar = Calendar()
    calendar.add("prodid", "-//Porchlight//Reminder//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"review-{plan.id}@porchlight")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", version.review_on)
    event.add("summary", REVIEW_TITLE)
    event.add("description", REVIEW_DESCRIPTION.format(url=plan_url))
    event.add("url", plan_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", REVIEW_ALARM)
    alarm.add("trigger", dt.timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
