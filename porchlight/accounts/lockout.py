"""Log-in lockout (django-axes), shared by log-in and every other password check.

This is the one place in accounts that reads the HTTP request, because django-axes
keys its count on the request's address: wrong passwords for one account from one
address pause password checks there (AXES_FAILURE_LIMIT failures → AXES_COOLOFF_TIME).
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest

from porchlight.accounts.models import User


def password_paused(*, user: User, request: HttpRequest) -> bool:
    """Whether wrong passwords have paused password checks for this account here.

    The same count and policy as log-in (django-axes: AXES_FAILURE_LIMIT failures
    for one address from one IP → AXES_COOLOFF_TIME), shared with it.
    """

    return bool(AxesProxyHandler.is_locked(request, {"username": user.email}))


def confirm_password(*, user: User, password: str, request: HttpRequest | None) -> bool:
    """Check a logged-in person's password; a wrong one counts like a failed log-in."""
    if user.check_password(password):
        return True
    if request is not None:
        # django-axes counts the failure and, at the limit, pauses the account: its
        # middleware then answers with the lockout page (views.locked_out).
        user_login_failed.send(
            sender=__name__, credentials={"username": user.email}, request=request
        )
    return False
