from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from porchlight.core.encryption import EncryptedTextField


class EntryKind(models.TextChoices):
    CONVERSATION = "conversation", "A conversation"
    REFUSAL = "refusal", "A refusal"
    CRISIS = "crisis", "A crisis"
    SMALL_VICTORY = "small_victory", "A small victory"
    BOUNDARY_TESTED = "boundary_tested", "A boundary was tested"
    SETBACK = "setback", "A setback"
    NOTE = "note", "A note"
    SAFETY_CHECK = "safety_check", "A safety check"


class JournalEntry(models.Model):
    """Something that happened, written down by a member of the circle."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="journal_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("what kind of moment", max_length=20, choices=EntryKind.choices)
    happened_on = models.DateField("when")
    tension = models.PositiveSmallIntegerField(
        "how tense was it?",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    tried = EncryptedTextField("what you tried", blank=True)
    happened = EncryptedTextField("what happened", blank=True)
    they_said = EncryptedTextField("what they said", blank=True)
    # What the person said, read as change talk, sustain talk or neutral (a hint).
    talk_kind = models.CharField(max_length=10, blank=True)
    tags = models.JSONField(default=list, blank=True)
    private = models.BooleanField("only me", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_on", "-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["circle", "-happened_on", "-created_at", "-id"], name="journal_timeline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on}"

    @property
    def texts(self) -> list[str]:
        return [self.tried, self.happened, self.they_said]
