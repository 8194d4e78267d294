"""Writing the journal. Every entry's text is read for risk language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from porchlight.circles.models import Circle
from porchlight.core import risk_watch
from porchlight.core.actor import Actor
from porchlight.journal.models import EntryKind, JournalEntry

FIELDS = ("kind", "happened_on", "tension", "tried", "happened", "they_said", "tags", "private")


@dataclass(frozen=True)
class Saved:
    entry: JournalEntry
    alert: risk_watch.RiskAlert | None


TALK_CONFIDENCE = 0.6  # below this, the hint is not shown


def talk_kind(they_said: str) -> str:
    """change / sustain when the classifier is fairly sure, else ""."""
    if not they_said.strip():
        return ""
    from porchlight.language.talk import classify_talk  # noqa: PLC0415  loads the talk model only when it is needed

    prediction = classify_talk(they_said)
    if prediction.kind == "neutral" or prediction.probabilities[prediction.kind] < TALK_CONFIDENCE:
        return ""
    return prediction.kind


def create_entry(*, circle: Circle, by: Actor, data: dict[str, Any]) -> Saved:
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            circle=circle,
            author=by.user,
            talk_kind=talk_kind(data.get("they_said", "")),
            **{k: data[k] for k in FIELDS if k in data},
        )
        alert = risk_watch.check(texts=entry.texts, actor=by, circle_id=circle.id, where="journal")
    return Saved(entry=entry, alert=alert)


def update_entry(*, entry: JournalEntry, by: Actor, data: dict[str, Any]) -> Saved:
    with transaction.atomic():
        before = entry.texts
        for field in FIELDS:
            if field in data:
                setattr(entry, field, data[field])
        entry.talk_kind = talk_kind(entry.they_said)
        entry.save()
        changed = [text for text, old in zip(entry.texts, before, strict=True) if text != old]
        alert = risk_watch.check(
            texts=changed, actor=by, circle_id=entry.circle_id, where="journal"
        )
    return Saved(entry=entry, alert=alert)


def delete_entry(*, entry: JournalEntry) -> None:
    entry.delete()


def add_small_victory(*, circle: Circle, by: Actor, text: str) -> Saved:
    return create_entry(
        circle=circle,
        by=by,
        data={
            "kind": EntryKind.SMALL_VICTORY,
            "happened_on": timezone.localdate(),
            "happened": text,
        },
    )


def record_safety_check(
    *, circle: Circle, by: Actor, summary: str, on: dt.date, private: bool = False
) -> JournalEntry:
    """A saved pause-or-act result as a journal entry; ``summary`` is written from the
    result alone (the safety app's service calls this in its own transaction)."""
    return JournalEntry.objects.create(
        circle=circle,
        author=by.user,
        kind=EntryKind.SAFETY_CHECK,
        happened_on=on,
        happened=summary,
        private=private,
    )
