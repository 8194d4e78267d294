"""The journal timeline: filters, search and keyset pagination.

Keyset ("seek") pagination keeps every page as fast as the first however long
the journal grows: each page starts after the last entry of the previous one,
in the same order as the index (happened_on, created_at, id, all descending).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from porchlight.journal.models import JournalEntry

PAGE_SIZE = 20


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    tag: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query: str = ""


@dataclass(frozen=True)
class Page:
    entries: list[JournalEntry]
    next_cursor: str


def encode_cursor(entry: JournalEntry) -> str:
    raw = f"{entry.happened_on.isoformat()}|{entry.created_at.isoformat()}|{entry.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, dt.datetime, uuid.UUID] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        day, created, entry_id = base64.urlsafe_b64decode(padded).decode().split("|")
        return dt.date.fromisoformat(day), dt.datetime.fromisoformat(created), uuid.UUID(entry_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def apply_filters(entries: QuerySet[JournalEntry], filters: Filters) -> QuerySet[JournalEntry]:
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.date_from:
        entries = entries.filter(happened_on__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(happened_on__lte=filters.date_to)
    if filters.tag:
        # Tags are a short JSON list; matching the quoted tag works on SQLite and PostgreSQL.
        entries = entries.filter(tags__icontains=f'"{filters.tag}"')
    for word in filters.query.split()[:8]:
        entries = entries.filter(
            Q(tried__icontains=word) | Q(happened__icontains=word) | Q(they_said__icontains=word)
        )
    return entries


def page(entries: QuerySet[JournalEntry], cursor: str = "") -> Page:
    ordered = entries.select_related("author").order_by("-happened_on", "-created_at", "-id")
    position = decode_cursor(cursor) if cursor else None
    if position is not None:
        day, created, entry_id = position
        ordered = ordered.filter(
            Q(happened_on__lt=day)
            | Q(happened_on=day, created_at__lt=created)
            | Q(happened_on=day, created_at=created, id__lt=entry_id)
        )
    rows = list(ordered[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return Page(entries=rows, next_cursor=encode_cursor(rows[-1]) if more and rows else "")
