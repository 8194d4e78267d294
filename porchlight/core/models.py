from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    SIGNED_UP = "signed_up", "Signed up"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    CIRCLE_CREATED = "circle_created", "Circle created"
    CIRCLE_UPDATED = "circle_updated", "Circle details changed"
    INVITATION_CREATED = "invitation_created", "Invitation created"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    INVITATION_REVOKED = "invitation_revoked", "Invitation withdrawn"
    ROLE_CHANGED = "role_changed", "Role changed"
    MEMBER_REMOVED = "member_removed", "Member removed"
    MEMBER_LEFT = "member_left", "Left the circle"
    SAFETY_PLAN_SAVED = "safety_plan_saved", "Safety plan saved"
    SAFETY_PLAN_SHARED = "safety_plan_shared", "Safety plan shared with professionals"
    SAFETY_PLAN_UNSHARED = "safety_plan_unshared", "Safety plan no longer shared"
    SAFETY_PLAN_COMMENTED = "safety_plan_commented", "Comment added to the safety plan"
    EXPORTED = "exported", "Exported"
    RISK_FLAGGED = "risk_flagged", "Risk language noticed"
    CIRCLE_DELETED = "circle_deleted", "Circle deleted"
    CIRCLE_IMPORTED = "circle_imported", "Circle imported"
    ACCOUNT_DELETED = "account_deleted", "Account deleted"
    TEXT_ENCRYPTED = "text_encrypted", "Free text encrypted with the current key"
    BOUNDARY_SAVED = "boundary_saved", "Boundary saved"
    CONVERSATION_PLAN_SAVED = "conversation_plan_saved", "Conversation plan saved"
    DIRECTORY_ENTRY_REPORTED = "directory_entry_reported", "Directory entry reported as wrong"
    DIRECTORY_REPORT_RESOLVED = "directory_report_resolved", "Directory report checked"
    # The CRAFT tools and invitation plan (porchlight/craft).
    CRAFT_PLAN_SAVED = "craft_plan_saved", "CRAFT plan saved"
    CRAFT_PLAN_SHARED = "craft_plan_shared", "CRAFT plan shared with professionals"
    CRAFT_PLAN_UNSHARED = "craft_plan_unshared", "CRAFT plan no longer shared"
    CRAFT_PLAN_COMMENTED = "craft_plan_commented", "Comment added to the CRAFT plan"
    INVITATION_STEP_LOGGED = "invitation_step_logged", "Invitation outcome logged"
    # Issue #15: the family team plan and letters.
    TEAM_PLAN_SAVED = "team_plan_saved", "Team plan saved"
    TEAM_PLAN_SHARED = "team_plan_shared", "Team plan shared with professionals"
    TEAM_PLAN_UNSHARED = "team_plan_unshared", "Team plan no longer shared"
    TEAM_PLAN_COMMENTED = "team_plan_commented", "Comment added to the team plan"
    TEAM_LETTER_SAVED = "team_letter_saved", "Letter saved"
    TEAM_LETTER_SHARED = "team_letter_shared", "Letter shared with the team"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("The audit log is append-only.")

    def redact_label(self, label: str) -> int:
        """Erase one person's e-mail address from the log when their account is deleted.

        The one exception to append-only: the right to erasure outweighs keeping
        a deleted person's address. What happened, and when, stays.
        """
        # Case-insensitive: a failed sign-in records the address as it was typed.
        by_actor = super().filter(actor_label__iexact=label)
        by_subject = super().filter(subject_label__iexact=label)
        count = super(AuditEventQuerySet, by_actor).update(actor_label="deleted account")
        count += super(AuditEventQuerySet, by_subject).update(subject_label="deleted account")
        return count

    def delete(self) -> NoReturn:
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One thing that happened, kept forever and never edited.

    Holds ids and labels, never free text the user wrote: the log must not
    become a second copy of anyone's private notes. Circle and subject are
    plain ids rather than foreign keys so the record outlives what it names.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    circle_id = models.UUIDField(null=True, blank=True, db_index=True)
    subject_label = models.CharField(max_length=254, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("The audit log is append-only.")
