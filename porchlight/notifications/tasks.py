"""Notification e-mails, sent by the task worker (`porchlight db_worker`) when hosted."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from porchlight.notifications.models import Notification

SUBJECT = "Something new in Porchlight"


@task()
def send_notification_email(notification_id: str, site_url: str = "") -> bool:
    """Thin: takes an id. The mail names no one and quotes nothing (an inbox or a lock
    screen may be seen by others): a generic subject and a link to log in and see it."""
    found = (
        Notification.objects.filter(pk=notification_id, read_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return False
    link = site_url.rstrip("/") + reverse("notifications:list")
    send_mail(
        subject=SUBJECT,
        message=(
            f"Hello,\n\nThere is something new for you in Porchlight.\n\nLog in to see it: {link}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[found.user.email],
    )
    return True
