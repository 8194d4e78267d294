from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from porchlight.reminders import services, tasks
from porchlight.reminders.models import ReminderSettings
from porchlight.selfcare.models import CheckIn
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def feed_events(client, token: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_calendar_feed_holds_the_weekly_check_in_and_plan_reviews(
    personas: Personas, populated_circle: object
) -> None:
    token = services.settings_for(personas.bob).feed_token

    events = feed_events(client_for(None), token)

    checkin = events["Porchlight: your weekly check-in"]
    assert checkin["RRULE"]["FREQ"] == ["WEEKLY"]  # type: ignore[index]
    review = events["Porchlight: a plan to look over"]
    assert review.decoded("DTSTART") == timezone.localdate() + timedelta(days=30)  # type: ignore[attr-defined]
    assert "Zephyrine" not in str(events)
    assert "safety" not in str(events).lower()


def test_a_new_link_stops_the_old_one(personas: Personas) -> None:
    old = services.settings_for(personas.bob).feed_token
    client = client_for(personas.bob)

    client.post("/reminders/new-link/")

    assert client_for(None).get(f"/calendar/{old}.ics").status_code == 404
    new = ReminderSettings.objects.get(user=personas.bob).feed_token
    assert client_for(None).get(f"/calendar/{new}.ics").status_code == 200


def test_the_weekly_check_in_is_due_a_week_after_the_last(personas: Personas) -> None:
    CheckIn.objects.create(user=personas.bob, answers={}, score=10, band="doing_okay")

    assert services.next_checkin(personas.bob) == timezone.localdate() + timedelta(days=7)
    home = text_of(client_for(personas.bob).get(f"/c/{personas.circle.id}/"))
    assert "Time for your weekly check-in" not in home
    assert "Time for your weekly check-in" in text_of(
        client_for(personas.alice).get(f"/c/{personas.circle.id}/")
    )


def test_settings_page_shows_the_link_and_says_when_email_is_unavailable(
    personas: Personas,
) -> None:
    text = text_of(client_for(personas.bob).get("/reminders/"))

    assert "Calendar link" in text
    assert "E-mail reminders are available when Porchlight is hosted" in text


def test_reminder_emails_go_through_the_task_queue(
    personas: Personas, settings, mailoutbox
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_REMINDERS = True
    client_for(personas.bob).post("/reminders/", {"email_reminders": "on"})

    call_command("send_reminders", stdout=__import__("io").StringIO())

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "porchlight.reminders.tasks.send_reminder_email"
    assert tasks.send_reminder_email.call(personas.bob.pk) is True
    assert mailoutbox[0].subject == "A reminder from Porchlight"
    assert "your weekly check-in" in mailoutbox[0].body
    assert "Zephyrine" not in mailoutbox[0].body
    assert "Bob" not in mailoutbox[0].body
    assert "safety" not in mailoutbox[0].body.lower()
    assert tasks.enqueue_due_emails() == 0  # not twice in one day


def test_the_worker_command_exists() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "porchlight.cli", "db_worker", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0
    assert "--queue-name" in result.stdout


def test_opening_the_settings_page_writes_nothing(personas: Personas) -> None:
    client = client_for(personas.bob)

    text = text_of(client.get("/reminders/"))

    assert "Calendar link: you don't have one yet." in text
    assert not ReminderSettings.objects.filter(user=personas.bob).exists()
    client.post("/reminders/new-link/")
    token = ReminderSettings.objects.get(user=personas.bob).feed_token
    assert f"/calendar/{token}.ics" in client.get("/reminders/").content.decode()


def test_saving_email_reminders_goes_through_the_service(personas: Personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_REMINDERS = True

    client_for(personas.bob).post("/reminders/", {"email_reminders": "on"})

    assert ReminderSettings.objects.get(user=personas.bob).email_reminders is True
