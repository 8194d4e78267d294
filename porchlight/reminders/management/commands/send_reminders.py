from typing import Any

from django.core.management.base import BaseCommand

from porchlight.reminders.tasks import enqueue_due_emails


class Command(BaseCommand):
    help = "Queue today's reminder e-mails (run daily, e.g. from cron); the worker sends them."

    def handle(self, *args: Any, **options: Any) -> None:
        count = enqueue_due_emails()
        self.stdout.write(f"Queued {count} reminder e-mail{'s' if count != 1 else ''}.")
