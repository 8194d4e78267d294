from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField

from porchlight.content.circle_choices import concern_choices, relationship_choices
from porchlight.core.permissions import ROLE_PERMISSIONS, Permission, Role


class Circle(models.Model):
    """The person someone is worried about, and the people around them who help."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(
        "their first name or a nickname",
        max_length=40,
        help_text="Only the people in this circle see it. A nickname is fine.",
    )
    relationship = models.CharField(
        # The choices are content (content/understand/playbook.yaml), read when needed.
        "who they are to you",
        max_length=20,
        choices=relationship_choices,
    )
    concerns = models.JSONField("what worries you", default=list)
    country = CountryField(
        "the country they live in", help_text="Used to show the right crisis lines."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def concern_labels(self) -> list[str]:
        labels = dict(concern_choices())
        return [str(labels[c]) for c in self.concerns if c in labels]


class Membership(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="one_membership_per_circle")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.circle} as {self.role}"

    @property
    def permissions(self) -> frozenset[Permission]:
        """For templates: `{% if "manage_members" in membership.permissions %}`."""
        return ROLE_PERMISSIONS.get(self.role, frozenset())


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be accepted"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Withdrawn"


class Invitation(models.Model):
    """A single-use, expiring link that adds someone to a circle.

    Only a digest of the secret token is stored: someone who reads the
    database cannot rebuild a working link.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    label = models.CharField(
        "who it is for",
        max_length=60,
        help_text="A name so you can recognise this invitation later, e.g. 'Aunt Mia'.",
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.label} to {self.circle}"

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING
