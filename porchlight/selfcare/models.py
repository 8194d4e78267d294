from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField


class CheckIn(models.Model):
    """A supporter's weekly check-in. Private to that person, whatever circle they open it from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Check-in {self.created_at:%Y-%m-%d}: {self.band}"


class SelfCarePlan(models.Model):
    """What restores me, who I can talk to, a support group to try… in the person's words."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="selfcare_plan"
    )
    answers = EncryptedJSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Self-care plan of {self.user}"
