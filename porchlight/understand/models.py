from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class BarrierAnswers(models.Model):
    """One set of answers to the barrier questions; the newest is the circle's map."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="barrier_answers"
    )
    answers = models.JSONField(default=dict)
    # The supporter's own choice of which barriers fit, most important first;
    # null means "use the scores".
    adjusted_barriers = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Barrier answers {self.created_at:%Y-%m-%d}"


class StageRecord(models.Model):
    """The stage of change at a point in time: estimated from answers, or chosen."""

    class Source(models.TextChoices):
        ESTIMATE = "estimate", "Estimated from your answers"
        SUPPORTER = "supporter", "Chosen by you"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="stage_records"
    )
    stage = models.CharField(max_length=30)
    recent_relapse = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.stage} on {self.created_at:%Y-%m-%d}"
