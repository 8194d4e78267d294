from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class NotificationKind(models.TextChoices):
    # The label completes "<who> …"; it never holds what anyone wrote.
    PLAN_COMMENT = "plan_comment", "commented on the safety plan"
    PLAN_CHANGED = "plan_changed", "changed the safety plan"


class Notification(models.Model):
    """Something new for one member: who did what, in which circle. Never any text:
    no one's words and no name are stored here, only ids and a kind."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def target(self) -> str:
        """The page the notification is about."""
        return reverse("safety:plan", kwargs={"circle_id": self.circle_id})
