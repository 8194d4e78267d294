from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField, EncryptedTextField


class SafetyPlan(models.Model):
    """A circle's family crisis and safety plan. Its content lives in versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.CASCADE, related_name="safety_plan"
    )
    shared_with_professionals = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Safety plan for {self.circle}"

    @property
    def current(self) -> SafetyPlanVersion | None:
        return self.versions.order_by("-number").first()


class SafetyPlanVersion(models.Model):
    """One saved state of the plan. Versions are never edited: a change adds one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = EncryptedJSONField(default=dict)
    review_on = models.DateField("review the plan on", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class SavedCheck(models.Model):
    """A "pause or act" result saved to the circle: the answers, never free text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="safety_checks"
    )
    level = models.CharField(max_length=20)
    rule_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    #: Only the member who saved it can see it (the default when it holds their own
    #: distress or fear).
    private = models.BooleanField("only me", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The journal entry that tells of this check. Safety points at the journal, never
    #: the other way round; ``entry.safety_check`` reads it back.
    journal_entry = models.OneToOneField(
        "journal.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safety_check",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.level} check for {self.circle}"


class PersonalSafetyAnswer(models.Model):
    """A supporter's answer to "is it safe for you?", asked before risky advice.

    Kept per member and per time: fear can change, so an old answer is asked again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    membership = models.ForeignKey(
        "circles.Membership", on_delete=models.CASCADE, related_name="safety_answers"
    )
    afraid = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at"]

    def __str__(self) -> str:
        return f"{'afraid' if self.afraid else 'not afraid'} at {self.answered_at:%Y-%m-%d}"


class PlanComment(models.Model):
    """A note on the safety plan, e.g. from the circle's professional, who cannot edit it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on {self.plan}"
