from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedTextField


class Boundary(models.Model):
    """What I will and won't do, why, and what I'll do when it is crossed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="boundaries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    will_do = EncryptedTextField("what I will do")
    wont_do = EncryptedTextField("what I won't do any more")
    why = EncryptedTextField("why: the value or need behind it")
    if_crossed = EncryptedTextField("what I'll do if it is crossed")
    how_to_say = EncryptedTextField("how I'll say it", blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-active", "-created_at"]

    def __str__(self) -> str:
        return self.wont_do[:60]

    @property
    def texts(self) -> list[str]:
        return [self.will_do, self.wont_do, self.why, self.if_crossed, self.how_to_say]


class TestResult(models.TextChoices):
    HELD = "held", "It held"
    BENT = "bent", "It bent"
    BROKE = "broke", "It broke"


class BoundaryTest(models.Model):
    """A time the boundary was tested, and how it went. Kept without judgement."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    boundary = models.ForeignKey(Boundary, on_delete=models.CASCADE, related_name="tests")
    happened_on = models.DateField("when")
    result = models.CharField("how it went", max_length=10, choices=TestResult.choices)
    note = EncryptedTextField("anything to remember", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.result} on {self.happened_on}"
