from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from porchlight.accounts.forms import SignUpForm
from porchlight.accounts.models import User
from porchlight.core import audit
from porchlight.core.models import AuditAction


def sign_up(*, form: SignUpForm, request: HttpRequest | None = None) -> User:
    with transaction.atomic():
        user = form.save()
        audit.record(action=AuditAction.SIGNED_UP, actor=user, subject=user.email, request=request)
    return user
