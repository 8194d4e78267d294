"""Reminder e-mails, sent by the task worker (`porchlight db_worker`) in hosted mode."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from porchlight.accounts.models import User
from porchlight.reminders import services
from porchlight.reminders.models import ReminderSettings


@task()
def send_reminder_email(user_id: int) -> bool:
    """Thin: takes an id, sends what is due today, and remembers the day it did."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    today = timezone.localdate()
    due = [item for item in services.due_for(user, today) if item.on <= today]
    if not due:
        return False
    lines = "\n".join(f"- {item.title.removeprefix('Porchlight: ')}" for item in due)
    send_mail(
        subject="A reminder from Porchlight",
        message=(
            # No names, not even the reader's: an inbox or lock screen may be seen by others.
            f"Hello,\n\nDue today:\n{lines}\n\n"
            "Log in to Porchlight to do it. You can turn these e-mails off on the reminders page."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    ReminderSettings.objects.filter(user=user).update(last_emailed_on=today)
    return True


def enqueue_due_emails() -> int:
    """Queue one e-mail per person who asked for them and has not had one today."""
    today = timezone.localdate()
    count = 0
    wanted = ReminderSettings.objects.filter(email_reminders=True).exclude(last_emailed_on=today)
    for reminder in wanted.select_related("user"):
        if any(item.on <= today for item in services.due_for(reminder.user, today)):
            send_reminder_email.enqueue(reminder.user_id)
            count += 1
    return count
