"""Writing the append-only audit log."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest

from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    action: AuditAction,
    actor: Any = None,
    circle_id: uuid.UUID | None = None,
    subject: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    by: Actor | None = None,
) -> AuditEvent:
    """Append one event. `subject` is a label such as an e-mail address, never user prose.

    Services pass ``by=`` (an ``Actor``: the user and their address); ``actor=`` and
    ``request=`` remain for the sign-in signals, which Django hands a request.
    """
    ip = client_ip(request)
    if by is not None:
        actor, ip = by.user, by.ip
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        action=action,
        actor=actor if is_user else None,
        actor_label=actor.email if is_user else "",
        circle_id=circle_id,
        subject_label=subject,
        details=details or {},
        ip_address=ip,
    )
