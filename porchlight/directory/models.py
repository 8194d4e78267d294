from __future__ import annotations

from django.db import models


class ReportReason(models.TextChoices):
    WRONG_PHONE = "wrong_phone", "The phone number is wrong or does not answer"
    WRONG_WEBSITE = "wrong_website", "The website is wrong or does not work"
    CLOSED = "closed", "The service has closed or changed"
    WRONG_DETAILS = "wrong_details", "Something else in it is wrong"


class EntryReport(models.Model):
    """Someone said a directory entry is wrong. Holds a reason, never free text."""

    entry_id = models.CharField(max_length=64, db_index=True)
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.reason}"
