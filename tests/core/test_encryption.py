"""Free text encrypted at rest: what the database holds, what users see, keys and rotation.

Runs on SQLite and on PostgreSQL like the rest of the suite.
"""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from porchlight import checks
from porchlight.coach.models import CoachedMessage
from porchlight.coach.services import save_message
from porchlight.core import encryption
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.craft import services as craft_services
from porchlight.journal.models import JournalEntry
from porchlight.safety.models import SafetyPlanVersion
from porchlight.safety.services import save_plan
from tests.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

SECRET = "He said goodbye and gave the dog to his sister."
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def stored(table: str, column: str) -> list[str]:
    """The column exactly as the database holds it, bypassing the model."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CAST({column} AS TEXT) FROM {table}")  # noqa: S608 (fixed names)
        return [row[0] for row in cursor.fetchall()]


def write_entry(personas: Personas, **fields: Any) -> JournalEntry:
    return JournalEntry.objects.create(
        circle=personas.circle,
        author=personas.bob,
        kind="conversation",
        happened_on=timezone.localdate(),
        **fields,
    )


@pytest.fixture
def keys(settings: Any) -> Any:
    settings.FIELD_ENCRYPTION_KEYS = (KEY_A,)
    return settings


@pytest.fixture
def no_keys(settings: Any) -> Any:
    """The suite also runs with keys from the environment (the PostgreSQL stage)."""
    settings.FIELD_ENCRYPTION_KEYS = ()
    return settings


def test_with_keys_the_database_holds_tokens_and_people_read_their_words(
    personas: Personas, keys: Any
) -> None:
    entry = write_entry(personas, happened=SECRET, they_said="", tried="Listening.")

    (raw,) = stored("journal_journalentry", "happened")
    assert raw.startswith("enc1:")
    assert "goodbye" not in raw
    assert "dog" not in raw
    assert stored("journal_journalentry", "they_said") == [""]  # blank stays blank, not NULL
    assert JournalEntry.objects.get(pk=entry.pk).happened == SECRET
    page = client_for(personas.bob).get(f"/c/{personas.circle.id}/journal/")
    assert SECRET in page.content.decode()


def test_without_keys_text_is_stored_as_typed(personas: Personas, no_keys: Any) -> None:
    write_entry(personas, happened=SECRET)

    assert stored("journal_journalentry", "happened") == [SECRET]


def test_json_documents_keep_their_types_and_hide_their_words(
    personas: Personas, keys: Any
) -> None:
    message = save_message(
        circle=personas.circle, by=Actor(personas.bob), text="You have to stop drinking."
    ).message

    (raw,) = stored("coach_coachedmessage", "feedback")
    assert "enc1:" in raw
    assert "drinking" not in raw
    feedback = CoachedMessage.objects.get(pk=message.pk).feedback
    assert feedback == message.feedback
    sentence = feedback["sentences"][0]
    assert isinstance(sentence["start"], int)  # numbers come back as numbers


def test_safety_plan_sections_are_encrypted(personas: Personas, keys: Any) -> None:
    save_plan(
        circle=personas.circle,
        by=Actor(personas.alice),
        sections={"warning_signs": "Stops answering the phone."},
        review_on=None,
    )

    (raw,) = stored("safety_safetyplanversion", "sections")
    assert "answering" not in raw
    assert SafetyPlanVersion.objects.get().sections["warning_signs"] == (
        "Stops answering the phone."
    )


def test_craft_plan_parts_are_encrypted(personas: Personas, keys: Any) -> None:
    craft_services.save_part(
        circle=personas.circle,
        by=Actor(personas.alice),
        part="pattern",
        value={"behaviour": "Drinks alone in the garage."},
    )

    (raw,) = stored("craft_craftplanversion", "parts")
    assert "garage" not in raw
    assert craft_services.current_parts(personas.circle) == {
        "pattern": {"behaviour": "Drinks alone in the garage."}
    }


def test_journal_search_still_finds_words_when_encrypted(personas: Personas, keys: Any) -> None:
    write_entry(personas, happened="Talked about MONEY again.")
    write_entry(personas, happened="A quiet dinner.")

    page = client_for(personas.bob).get(f"/c/{personas.circle.id}/journal/", {"q": "money"})

    assert [e.happened for e in page.context["page"].entries] == ["Talked about MONEY again."]


def test_sql_cannot_filter_on_encrypted_text_so_it_refuses(personas: Personas) -> None:
    with pytest.raises(FieldError, match="encrypted at rest"):
        JournalEntry.objects.filter(happened=SECRET).exists()
    with pytest.raises(FieldError, match="encrypted at rest"):
        SafetyPlanVersion.objects.filter(sections__warning_signs="x").exists()


def test_old_plain_rows_are_read_then_encrypted_and_keys_rotate(
    personas: Personas, no_keys: Any
) -> None:
    settings = no_keys
    write_entry(personas, happened=SECRET)  # saved before any key was set
    settings.FIELD_ENCRYPTION_KEYS = (KEY_A,)
    assert JournalEntry.objects.get().happened == SECRET
    with pytest.raises(CommandError, match="not encrypted"):
        call_command("encrypt_text", "--check")

    call_command("encrypt_text")
    call_command("encrypt_text", "--check")
    event = AuditEvent.objects.get(action=AuditAction.TEXT_ENCRYPTED)
    assert event.details["rows"]["journal.JournalEntry"] == 1
    under_a = stored("journal_journalentry", "happened")
    assert under_a[0].startswith("enc1:")

    settings.FIELD_ENCRYPTION_KEYS = (KEY_B, KEY_A)  # new key first, old still listed
    assert JournalEntry.objects.get().happened == SECRET
    call_command("encrypt_text")
    settings.FIELD_ENCRYPTION_KEYS = (KEY_B,)  # old key dropped after re-encrypting
    assert stored("journal_journalentry", "happened") != under_a
    assert JournalEntry.objects.get().happened == SECRET


def test_losing_the_key_is_a_clear_error_not_ciphertext_on_screen(
    personas: Personas, settings: Any
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = (KEY_A,)
    write_entry(personas, happened=SECRET)

    settings.FIELD_ENCRYPTION_KEYS = ()
    with pytest.raises(ImproperlyConfigured, match="PORCHLIGHT_ENCRYPTION_KEYS is not set"):
        JournalEntry.objects.get()
    settings.FIELD_ENCRYPTION_KEYS = (KEY_B,)
    with pytest.raises(ImproperlyConfigured, match="None of the keys"):
        JournalEntry.objects.get()


def test_encrypt_text_needs_keys(db: None, no_keys: Any) -> None:
    with pytest.raises(CommandError, match="PORCHLIGHT_ENCRYPTION_KEYS is not set"):
        call_command("encrypt_text")


def test_a_malformed_key_stops_start_up(settings: Any) -> None:
    settings.FIELD_ENCRYPTION_KEYS = (KEY_A, "not-a-key")

    errors = checks.encryption_keys_are_valid()

    assert [e.id for e in errors] == ["porchlight.E002"]
    assert "Key 2" in errors[0].msg


def test_hosting_on_postgresql_without_keys_is_flagged_by_the_deploy_check() -> None:
    postgresql, sqlite = "django.db.backends.postgresql", "django.db.backends.sqlite3"

    assert [w.id for w in checks.encryption_warnings(postgresql, False)] == ["porchlight.W001"]
    assert checks.encryption_warnings(postgresql, True) == []
    assert checks.encryption_warnings(sqlite, False) == []  # one family on one machine


def test_every_free_text_field_is_encrypted() -> None:
    covered = {model._meta.label: set(names) for model, names in encryption.encrypted_fields()}

    assert covered == {
        "journal.JournalEntry": {"tried", "happened", "they_said"},
        "coach.CoachedMessage": {"text", "feedback", "outcome_note"},
        "coach.ConversationPlan": {
            "goal",
            "moment_note",
            "opening",
            "listen_for",
            "their_words",
            "if_no",
            "closing",
        },
        "boundaries.Boundary": {"will_do", "wont_do", "why", "if_crossed", "how_to_say"},
        "boundaries.BoundaryTest": {"note"},
        "safety.SafetyPlanVersion": {"sections"},
        "safety.PlanComment": {"text"},
        "selfcare.SelfCarePlan": {"answers"},
        # The simulated person's replies are authored content, not the user's words.
        "rehearse.RehearsalSession": {"goal", "opening", "they_might_say"},
        "rehearse.RehearsalTurn": {"text", "note", "counts"},
        "craft.CraftPlanVersion": {"parts"},
        "craft.CraftComment": {"text"},
        "team.Letter": {"bottom_line", "text"},
        "team.TeamComment": {"text"},
        "team.TeamPlanVersion": {"content"},
    }
