from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField, EncryptedTextField


class Outcome(models.TextChoices):
    CALM = "calm", "It went calmly"
    MIXED = "mixed", "Some of it landed"
    ESCALATED = "escalated", "It turned into a fight"
    NOT_YET = "not_yet", "I haven't said it yet"


class CoachedMessage(models.Model):
    """Something a supporter plans to say, with the coach's feedback when it was saved."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="coached_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()
    feedback = EncryptedJSONField(default=dict)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Message saved {self.created_at:%Y-%m-%d}"


class ConversationPlan(models.Model):
    """A plan for one hard conversation, printable as a one-page card."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="conversation_plans"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    goal = EncryptedTextField("what I hope for from this talk")
    moment = models.JSONField("a good moment", default=list)
    moment_note = EncryptedTextField("when and where", blank=True)
    opening = EncryptedTextField("how I'll open")
    listen_for = EncryptedTextField("what I'll listen for", blank=True)
    #: What the loved one might say: the supporter's answer (``if_no``) is graded as a
    #: reflection of it (coach/reflection.py).
    their_words = EncryptedTextField("what they might say", blank=True)
    if_no = EncryptedTextField("if they say no")
    closing = EncryptedTextField("how I'll end, with the door open")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Conversation plan {self.created_at:%Y-%m-%d}"

    @property
    def texts(self) -> list[str]:
        return [
            self.goal,
            self.moment_note,
            self.opening,
            self.listen_for,
            self.their_words,
            self.if_no,
            self.closing,
        ]
