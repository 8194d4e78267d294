from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from porchlight.accounts.models import PendingSignUp, User
from porchlight.core import audit
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction
from porchlight.core.tokens import token_digest

SIGN_UP_LINK_LIFETIME = timedelta(days=1)


def start_sign_up(
    *, email: str, display_name: str, password: str, next_url: str, site_url: str
) -> None:
    """Send the link that finishes a sign-up, or tell an existing account's owner.

    Both ways the visitor sees the same page and the same work is done (the
    password is hashed either way), so the answer doesn't reveal who has an account.
    ``site_url`` is where this Porchlight is served (scheme and host), for the links.
    """
    password_hash = make_password(password)
    with transaction.atomic():
        PendingSignUp.objects.filter(expires_at__lte=timezone.now()).delete()
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            message = render_to_string(
                "accounts/sign_up_existing_email.txt",
                {"user": existing, "log_in": site_url + reverse("accounts:login"),
                 "reset": site_url + reverse("accounts:password_reset")},
            )  # fmt: skip
        else:
            token = secrets.token_urlsafe(32)
            PendingSignUp.objects.create(
                email=email,
                display_name=display_name,
                password=password_hash,
                next_url=next_url,
                token_digest=token_digest(token),
                expires_at=timezone.now() + SIGN_UP_LINK_LIFETIME,
            )
            link = reverse("accounts:signup.finish", kwargs={"token": token})
            message = render_to_string(
                "accounts/sign_up_link_email.txt",
                {"display_name": display_name, "link": site_url + link},
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


def finish_sign_up(*, pending: PendingSignUp, by: Actor) -> User:
    """Create the account a sign-up link stands for. The link then stops working.

    ``by`` is the visitor who followed the link; the audit row names the new account.
    """
    with transaction.atomic():
        PendingSignUp.objects.filter(email=pending.email).delete()
        if User.objects.filter(email=pending.email).exists():
            raise SignUpError("This address already has an account. Log in instead.")
        user = User(email=pending.email, display_name=pending.display_name)
        user.password = pending.password
        user.save()
        audit.record(action=AuditAction.SIGNED_UP, by=Actor(user, ip=by.ip), subject=user.email)
    return user
