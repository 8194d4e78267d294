from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from porchlight.core.actor import Actor
from porchlight.core.audit import record
from porchlight.core.models import AuditAction
from porchlight.directory.models import EntryReport


def open_reports() -> frozenset[str]:
    """Ids of the entries someone has reported and nobody has checked yet."""
    return frozenset(
        EntryReport.objects.filter(resolved_at__isnull=True).values_list("entry_id", flat=True)
    )


@transaction.atomic
def report_entry(*, entry_id: str, reason: str, by: Actor) -> EntryReport:
    """Store a report that an entry is wrong; the entry shows "being checked" until resolved."""
    report = EntryReport.objects.create(entry_id=entry_id, reason=reason)
    record(
        action=AuditAction.DIRECTORY_ENTRY_REPORTED,
        by=by,
        subject=entry_id,
        details={"reason": reason, "report": report.id},
    )
    return report


@transaction.atomic
def resolve_report(*, report: EntryReport) -> EntryReport:
    report.resolved_at = timezone.now()
    report.save(update_fields=["resolved_at"])
    record(
        action=AuditAction.DIRECTORY_REPORT_RESOLVED,
        subject=report.entry_id,
        details={"reason": report.reason, "report": report.id},
    )
    return report
