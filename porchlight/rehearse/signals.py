"""When someone leaves a circle (or is removed, or deletes their account), their
private rehearsals there go with them.

Nobody else could ever read them, and they would otherwise wait in the circle for
someone who is no longer in it. Rehearsals they shared stay, like shared journal
entries, so the circle keeps what it was shown. The circles app sits below the
features and cannot call rehearse, hence a receiver rather than a service call.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from porchlight.circles.models import Membership
from porchlight.rehearse.models import RehearsalSession


@receiver(post_delete, sender=Membership, dispatch_uid="rehearse.private_go_with_member")
def delete_private_rehearsals(sender: Any, instance: Membership, **kwargs: Any) -> None:
    RehearsalSession.objects.filter(
        circle_id=instance.circle_id, author_id=instance.user_id, private=True
    ).delete()
