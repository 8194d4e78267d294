"""The link between a saved check and its journal entry turned round, keeping every link.

The database is taken back to the shape today's main made (the journal pointing at
the check), filled, and migrated forward: every check then points at its entry,
and migrating back restores the old links.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from porchlight.core.actor import Actor
from porchlight.journal.models import JournalEntry
from porchlight.safety import services, triage
from porchlight.safety.models import SavedCheck
from tests.conftest import Personas

OLD = [("safety", "0006_saved_check_private"), ("journal", "0003_free_text_encrypted_at_rest")]
NEW = [
    ("safety", "0009_saved_check_journal_entry_name"),
    ("journal", "0004_remove_journalentry_safety_check"),
]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_check_keeps_its_journal_entry_through_the_migration(personas: Personas) -> None:
    old = migrate(OLD)
    SavedCheck = old.get_model("safety", "SavedCheck")
    JournalEntry = old.get_model("journal", "JournalEntry")
    circle_id, user_id = personas.circle.id, personas.alice.id

    def old_check(level: str) -> Any:
        return SavedCheck.objects.create(
            id=uuid.uuid4(), circle_id=circle_id, level=level, created_by_id=user_id
        )

    linked, unlinked = old_check("urgent"), old_check("watch")
    entry = JournalEntry.objects.create(
        id=uuid.uuid4(), circle_id=circle_id, author_id=user_id, kind="safety_check",
        happened_on=timezone.localdate(), happened="Get help today", safety_check=linked,
    )  # fmt: skip
    note = JournalEntry.objects.create(
        id=uuid.uuid4(), circle_id=circle_id, author_id=user_id, kind="note",
        happened_on=timezone.localdate(), happened="A quiet day",
    )  # fmt: skip

    new = migrate(NEW)
    checks = new.get_model("safety", "SavedCheck").objects
    assert checks.get(id=linked.id).journal_entry_id == entry.id
    assert checks.get(id=unlinked.id).journal_entry_id is None
    assert new.get_model("journal", "JournalEntry").objects.count() == 2

    back = migrate(OLD)
    entries = back.get_model("journal", "JournalEntry").objects
    assert entries.get(id=entry.id).safety_check_id == linked.id
    assert entries.get(id=note.id).safety_check_id is None
    migrate(NEW)


@pytest.mark.django_db
def test_a_saved_check_tells_of_its_journal_entry(personas: Personas) -> None:
    result = triage.evaluate({"talk_of_dying": "hinted"})

    saved = services.save_check(
        circle=personas.circle, by=Actor(personas.bob), answers={"talk_of_dying": "hinted"},
        result=result,
    )  # fmt: skip

    entry = JournalEntry.objects.get()
    assert (saved.journal_entry, entry.safety_check, entry.kind) == (entry, saved, "safety_check")
    assert entry.happened == services.check_summary(result)


@pytest.mark.django_db
def test_a_check_that_cannot_be_saved_leaves_no_journal_entry(personas: Personas) -> None:
    result = triage.evaluate({"talk_of_dying": "hinted"})

    with pytest.raises(TypeError):  # a set cannot be stored as JSON: the second write fails
        services.save_check(
            circle=personas.circle, by=Actor(personas.bob), answers={"x": {"not json"}},
            result=result,
        )  # fmt: skip

    assert (JournalEntry.objects.count(), SavedCheck.objects.count()) == (0, 0)
