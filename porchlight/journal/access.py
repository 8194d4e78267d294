"""Journal entries as a member may see them: the circle's, minus others' private ones."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from porchlight.circles.access import get_in_circle
from porchlight.circles.models import Membership
from porchlight.journal.models import JournalEntry


def entries_for(membership: Membership) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(circle_id=membership.circle_id).filter(
        Q(private=False) | Q(author_id=membership.user_id)
    )


def get_entry_for_member(membership: Membership, entry_id: uuid.UUID) -> JournalEntry:
    among = entries_for(membership).select_related("author")
    return get_in_circle(JournalEntry, membership, entry_id, among=among)
