from __future__ import annotations

import pytest

from porchlight.core import audit
from porchlight.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_events_cannot_be_edited_or_deleted() -> None:
    event = audit.record(action=AuditAction.SIGN_IN_FAILED, subject="x@example.com")

    event.subject_label = "changed"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.update(subject_label="changed")
    assert AuditEvent.objects.get().subject_label == "x@example.com"
