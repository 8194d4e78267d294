from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from porchlight.core.encryption import EncryptedTextField

#: A timeline card shows a long entry's start (this many characters or lines), then
#: "Read more" links to the whole entry: long entries no longer push the rest off the page.
PREVIEW_CHARACTERS = 280
PREVIEW_LINES = 4


def fold(text: str) -> str:
    """The start of ``text`` for a timeline card: whole lines, cut at a word, with "…"."""
    lines = text.strip().splitlines()
    start = "\n".join(lines[:PREVIEW_LINES])
    if len(start) > PREVIEW_CHARACTERS:
        start = start[:PREVIEW_CHARACTERS].rsplit(None, 1)[0]
    if start == text.strip():
        return start
    return start.rstrip(" ,;:.-\u2013\u2014") + "…"


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

    @property
    def is_empty(self) -> bool:
        """Nothing written (a quick entry saved before words were required, or imported)."""
        return not any(text.strip() for text in self.texts)

    @property
    def is_long(self) -> bool:
        """Too long to show whole on the timeline (see :data:`PREVIEW_CHARACTERS`)."""
        written = "\n".join(text.strip() for text in self.texts if text.strip())
        return len(written) > PREVIEW_CHARACTERS or written.count("\n") >= PREVIEW_LINES

    @property
    def preview(self) -> str:
        """The start of what was written, for a long entry's card: what happened first."""
        first = next((t for t in (self.happened, self.they_said, self.tried) if t.strip()), "")
        return fold(first)
