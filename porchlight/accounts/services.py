from __future__ import annotations

import secrets
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.signals import user_login_failed
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from porchlight.accounts.forms import SignUpForm
from porchlight.accounts.models import PendingSignUp, User
from porchlight.core import audit
from porchlight.core.models import AuditAction
from porchlight.core.tokens import token_digest


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


SIGN_UP_LINK_LIFETIME = timedelta(days=1)


def start_sign_up(*, form: SignUpForm, next_url: str, request: HttpRequest) -> None:
    """Send the link that finishes a sign-up, or tell an existing account's owner.

    Both ways the visitor sees the same page and the same work is done (the
    password is hashed either way), so the answer doesn't reveal who has an account.
    """
    email = form.cleaned_data["email"]
    password_hash = make_password(form.cleaned_data["password"])
    with transaction.atomic():
        PendingSignUp.objects.filter(expires_at__lte=timezone.now()).delete()
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            message = render_to_string(
                "accounts/sign_up_existing_email.txt",
                {"user": existing, "log_in": request.build_absolute_uri(reverse("accounts:login")),
                 "reset": request.build_absolute_uri(reverse("accounts:password_reset"))},
            )  # fmt: skip
        else:
            token = secrets.token_urlsafe(32)
            PendingSignUp.objects.create(
                email=email,
                display_name=form.cleaned_data["display_name"],
                password=password_hash,
                next_url=next_url,
                token_digest=token_digest(token),
                expires_at=timezone.now() + SIGN_UP_LINK_LIFETIME,
            )
            link = reverse("accounts:signup.finish", kwargs={"token": token})
            message = render_to_string(
                "accounts/sign_up_link_email.txt",
                {"display_name": form.cleaned_data["display_name"],
                 "link": request.build_absolute_uri(link)},
            )  # fmt: skip
        transaction.on_commit(
            lambda: send_mail(
                subject="Your Porchlight account",
                message=message,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[email],
            )
        )


def find_pending_sign_up(token: str) -> PendingSignUp | None:
    return PendingSignUp.objects.filter(
        token_digest=token_digest(token), expires_at__gt=timezone.now()
    ).first()


class SignUpError(Exception):
    """A sign-up link that can no longer make an account, with the reason in plain words."""


def finish_sign_up(*, pending: PendingSignUp, request: HttpRequest | None = None) -> User:
    """Create the account a sign-up link stands for. The link then stops working."""
    with transaction.atomic():
        PendingSignUp.objects.filter(email=pending.email).delete()
        if User.objects.filter(email=pending.email).exists():
            raise SignUpError("This address already has an account. Log in instead.")
        user = User(email=pending.email, display_name=pending.display_name)
        user.password = pending.password
        user.save()
        audit.record(action=AuditAction.SIGNED_UP, actor=user, subject=user.email, request=request)
    return user
