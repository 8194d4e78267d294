"""Telling members when something changes that they did not do themselves.

A notification holds ids and a kind, never what anyone wrote and never the loved one's
name; its e-mail (when Porchlight is hosted with mail) has a generic subject and a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from porchlight.circles.models import Circle, Membership
from porchlight.core.actor import Actor
from porchlight.notifications.models import Notification, NotificationKind

#: How many notifications the list shows; older ones are still counted and marked read.
LIST_LIMIT = 50


def notify(
    *,
    circle: Circle,
    by: Actor,
    kind: NotificationKind,
    members: Iterable[Membership],
    site_url: str = "",
) -> list[Notification]:
    """One notification per member (never the one acting), e-mailed after commit when
    Porchlight is hosted with mail. Call it inside the change's own transaction."""
    acting_id = getattr(by.user, "pk", None)
    user_ids = list(dict.fromkeys(m.user_id for m in members if m.user_id != acting_id))
    created = Notification.objects.bulk_create(
        Notification(user_id=user_id, circle=circle, kind=kind, actor_id=acting_id)
        for user_id in user_ids
    )
    if settings.EMAIL_NOTIFICATIONS and created:
        # Imported here, not at the top: the task module imports this one.
        from porchlight.notifications import tasks  # noqa: PLC0415  tasks imports services

        ids = [str(n.id) for n in created]
        transaction.on_commit(
            lambda: [tasks.send_notification_email.enqueue(i, site_url) for i in ids]
        )
    return created


def for_user(user: Any) -> QuerySet[Notification]:
    """A user's notifications about circles they still belong to, newest first."""
    return Notification.objects.filter(user=user, circle__memberships__user=user)


def unread_count(user: Any) -> int:
    return for_user(user).filter(read_at__isnull=True).count()


def get_for_user(user: Any, notification_id: Any) -> Notification | None:
    return for_user(user).filter(pk=notification_id).first()


def mark_read(*, user: Any, notifications: QuerySet[Notification] | None = None) -> int:
    """Mark the user's unread notifications (or just ``notifications``) read."""
    pool = notifications if notifications is not None else for_user(user)
    now: dt.datetime = timezone.now()
    return Notification.objects.filter(
        pk__in=pool.filter(user=user, read_at__isnull=True).values("pk")
    ).update(read_at=now)
