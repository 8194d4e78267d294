from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField, EncryptedTextField


class RehearsalSession(models.Model):
    """One practice conversation with a simulated loved one. Private to its author by default."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="rehearsals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scenario = models.CharField(max_length=60)
    personality = models.CharField(max_length=30)
    seed = models.PositiveIntegerField()
    plan = models.ForeignKey(
        "coach.ConversationPlan", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="rehearsals",
    )  # fmt: skip
    # Copied from the conversation plan, so the rehearsal keeps them if the plan changes.
    goal = EncryptedTextField(blank=True)
    opening = EncryptedTextField(blank=True)
    they_might_say = EncryptedTextField(blank=True)
    private = models.BooleanField("only me", default=True)
    state = models.JSONField(default=dict)  # numbers, flags and ids of lines heard: no prose
    rewinds = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)  # counts only
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Rehearsal {self.created_at:%Y-%m-%d}"


class RehearsalTurn(models.Model):
    """What the supporter said, how the loved one answered, and the coach's note."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(RehearsalSession, on_delete=models.CASCADE, related_name="turns")
    number = models.PositiveIntegerField()
    text = EncryptedTextField()
    reply = models.TextField()  # an authored line from content/, never user text
    note = EncryptedTextField()  # the coach's note quotes the supporter's words
    move = models.CharField(max_length=30)
    level = models.CharField(max_length=30)
    counts = EncryptedJSONField(default=dict)
    state_after = models.JSONField(default=dict)
    alert = models.JSONField(default=dict, blank=True)  # level and categories only
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="rehearsal_turn_number")
        ]

    def __str__(self) -> str:
        return f"Turn {self.number}"
