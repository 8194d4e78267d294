from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class ReminderSettings(models.Model):
    """How a person wants to be reminded. The feed token is the calendar link's secret."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    email_reminders = models.BooleanField("send me reminders by e-mail", default=False)
    last_emailed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Reminder settings of {self.user}"
