from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField, EncryptedTextField


class TeamPlan(models.Model):
    """A circle's family team plan. Its content lives in versions, like the safety plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.CASCADE, related_name="team_plan"
    )
    shared_with_professionals = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Team plan for {self.circle}"

    @property
    def current(self) -> TeamPlanVersion | None:
        return self.versions.order_by("-number").first()


class TeamPlanVersion(models.Model):
    """One saved state of the team plan. Never edited: a change adds a version.

    ``content`` holds ``members`` (name and role, names only, never accounts), ``risks``
    (the risk questions answered yes), ``step`` (the ladder step the team is on),
    ``steps`` (per step: what we do, what would make us move on), ``plan_b`` and
    ``follow_up``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = EncryptedJSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_team")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class TeamComment(models.Model):
    """A note on the team plan, e.g. from the circle's professional, who cannot edit it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on {self.plan}"


class Letter(models.Model):
    """A letter of love and concern. Private to its writer until they share it.

    Deleting the writer's account deletes their letters (shared or not): a letter is a
    person's own words, like a boundary or a rehearsal.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey("circles.Circle", on_delete=models.CASCADE, related_name="letters")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField("letter")
    bottom_line = EncryptedTextField("bottom line", blank=True)
    shared = models.BooleanField("shared with the team", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Letter in {self.circle}"

    @property
    def texts(self) -> list[str]:
        return [self.text, self.bottom_line]
