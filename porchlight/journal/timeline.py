"""The journal timeline: filters, search and keyset pagination.

Keyset ("seek") pagination keeps every page as fast as the first however long
the journal grows: each page starts after the last entry of the previous one,
in the same order as the index (happened_on, created_at, id, all descending).

Search matches every word, case-insensitively, in what was tried, what happened
or what they said. The database does the matching when text is stored plain;
when it is encrypted at rest (porchlight.core.encryption) the database holds
only tokens, so the circle's entries are decrypted and matched here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from porchlight.core import encryption
from porchlight.journal.models import JournalEntry

PAGE_SIZE = 20
SEARCHED = ("tried", "happened", "they_said")
MAX_SEARCH_WORDS = 8


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
    words = filters.query.split()[:MAX_SEARCH_WORDS]
    return search(entries, words) if words else entries


def search(entries: QuerySet[JournalEntry], words: list[str]) -> QuerySet[JournalEntry]:
    if not encryption.enabled():
        entries = entries.annotate(
            **{f"{name}_plain": Cast(name, output_field=TextField()) for name in SEARCHED}
        )
        for word in words:
            entries = entries.filter(
                reduce(or_, (Q(**{f"{name}_plain__icontains": word}) for name in SEARCHED))
            )
        return entries
    folded = [word.casefold() for word in words]
    matching = [
        entry_id
        for entry_id, *texts in entries.values_list("id", *SEARCHED)
        if all(any(word in text.casefold() for text in texts) for word in folded)
    ]
    return entries.filter(id__in=matching)


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
