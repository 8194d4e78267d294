"""Audit rows for signing in and out."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from porchlight.core import audit
from porchlight.core.models import AuditAction


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(action=AuditAction.SIGNED_IN, actor=user, subject=user.email, request=request)


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    # A deleted account (pk cleared by the deletion) has nothing left to record against.
    if user is not None and user.pk is not None:
        audit.record(action=AuditAction.SIGNED_OUT, actor=user, subject=user.email, request=request)


@receiver(user_login_failed)
def record_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the address typed is kept, never the password.
    audit.record(
        action=AuditAction.SIGN_IN_FAILED,
        subject=str(credentials.get("username", ""))[:254],
        request=request,
    )


@receiver(user_locked_out)
def record_lockout(
    sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    audit.record(action=AuditAction.LOCKED_OUT, subject=(username or "")[:254], request=request)
