from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from porchlight.core.encryption import EncryptedJSONField, EncryptedTextField


class CraftPlan(models.Model):
    """A circle's CRAFT worksheets and invitation plan. Its content lives in versions.

    One per circle, like the safety plan: the family works on it together, and the
    owner may share it read-only with the circle's professionals.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.CASCADE, related_name="craft_plan"
    )
    shared_with_professionals = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"CRAFT plan for {self.circle}"

    @property
    def current(self) -> CraftPlanVersion | None:
        return self.versions.order_by("-number").first()


class CraftPlanVersion(models.Model):
    """One saved state of the whole plan. Never edited: a change adds a version.

    ``parts`` maps each worksheet id to its answers ({field key: text}; the invitation
    also holds ``good_moments`` and ``avoid_moments`` as lists of ids) and ``options``
    to the list of options lined up before asking (see engine.OPTION_FIELDS).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(CraftPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    parts = EncryptedJSONField(default=dict)
    #: Which part this save changed (a worksheet id or "options"): for the history page.
    changed = models.CharField(max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="one_craft_version_number_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class CraftComment(models.Model):
    """A note on the plan, e.g. from the circle's professional, who cannot edit it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(CraftPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField("comment")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on {self.plan}"


class InvitationStep(models.Model):
    """One logged outcome of the invitation: asked, an answer, a first visit, still going.

    Steps are picked from a list with a date: no free text, so nothing to encrypt.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.CASCADE, related_name="invitation_steps"
    )
    step = models.CharField(max_length=30)
    happened_on = models.DateField("when")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.step} on {self.happened_on}"
