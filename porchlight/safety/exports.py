"""PDF and iCalendar exports of the safety plan, rendered from the same data as the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone

from porchlight.core import pdf
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion

PDF_STYLES = Path(__file__).resolve().parent / "pdf"


def render_pdf(template: str, context: dict[str, Any], stylesheet: str) -> bytes:
    return pdf.render_pdf(template, context, PDF_STYLES / stylesheet)


def review_calendar(plan: SafetyPlan, version: SafetyPlanVersion, plan_url: str) -> bytes:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Porchlight//Safety plan review//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"safety-plan-review-{plan.id}@porchlight")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", version.review_on)
    event.add("summary", f"Review {plan.circle.name}'s safety plan")
    event.add(
        "description",
        "Look at the plan together: what has changed, who to call, and what helps. "
        f"Open it in Porchlight: {plan_url}",
    )
    event.add("url", plan_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: review {plan.circle.name}'s safety plan")
    alarm.add("trigger", dt.timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
