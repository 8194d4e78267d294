"""Deleting an account removes the person from every table, except what it hands to the circle.

The proof reads every table of every installed app: each text, char and JSON
column, both as the model returns it (decrypted) and as stored.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from porchlight.boundaries import services as boundary_services
from porchlight.circles.models import Circle
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.safety import services as safety_services
from porchlight.safety.models import SafetyPlanVersion
from porchlight.selfcare import services as selfcare_services
from tests.conftest import Personas, client_for
from tests.factories import PASSWORD
from tests.html import text_of

pytestmark = pytest.mark.django_db

SAFETY_PLAN_TEXT = "Zephyrine stops answering her phone."  # from the populated_circle fixture

ALICES_WORDS = [
    # journal, coach and conversation plan (populated_circle fixture)
    "Zephyrine talked about the garden.",
    "I love you. How are you doing?",
    "Be heard about Zephyrine's drinking.",
    "I've noticed you seem tired lately, and I care about you.",
    # her boundary (populated_circle fixture)
    "have dinner with Zephyrine on Sundays",
    "I need to keep our savings safe",
    # added below
    "Alice's note on Bob's boundary",
    "Alice's comment on the safety plan",
    "Alice walks by the river",
]


def text_values(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def text_columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [f for f in model._meta.concrete_fields if isinstance(f, kinds)]


def everything_stored(*, decrypted: bool = True, raw: bool = True) -> dict[str, str]:
    """Every text, char and JSON value in the database, decrypted and raw, per table."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        columns = text_columns(model)
        if not columns:
            continue
        table = model._meta.db_table
        found[table] = []
        if decrypted:
            for row in model._base_manager.values_list(*(f.attname for f in columns)):
                found[table].extend(text_values(v) for v in row)
        if not raw:
            continue
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(f.column) for f in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found[table].extend(text_values(v) for v in row)
    return {table: "\n".join(values) for table, values in found.items()}


def tables_holding(needle: str, stored: dict[str, str]) -> list[str]:
    return sorted(table for table, text in stored.items() if needle.lower() in text.lower())


@pytest.fixture(params=["plain", "encrypted"])
def storage(request: pytest.FixtureRequest, settings: Any) -> str:
    encrypted = request.param == "encrypted"
    settings.FIELD_ENCRYPTION_KEYS = (Fernet.generate_key().decode(),) if encrypted else ()
    return str(request.param)


def alice_leaves_traces_everywhere(personas: Personas) -> None:
    """On top of the populated circle and the invitation: everything else Alice can leave behind."""
    bobs = boundary_services.save_boundary(
        circle=personas.circle,
        by=Actor(personas.bob),
        data={
            "wont_do": "pay the phone bill",
            "will_do": "drive to appointments",
            "why": "Bob's reasons",
            "if_crossed": "Bob will say so",
            "how_to_say": "",
        },
    )
    boundary_services.log_test(
        boundary=bobs.boundary,
        by=Actor(personas.alice),
        data={"happened_on": timezone.localdate(), "result": "bent", "note": ALICES_WORDS[6]},
    )
    plan = personas.circle.safety_plan
    safety_services.add_comment(plan=plan, by=Actor(personas.alice), text=ALICES_WORDS[7])
    selfcare_services.save_plan(by=Actor(personas.alice), answers={"recharge": ALICES_WORDS[8]})
    # Failed log-ins typed with capitals, recorded by django-axes and the audit log.
    for _ in range(2):
        client_for(None).post(
            "/accounts/login/",
            {"username": "Alice@Example.COM", "password": "not it"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="AliceBrowser/1.0",
        )
    client_for(None).post(
        "/accounts/login/",
        {"username": "alice@example.com", "password": PASSWORD},
        HTTP_USER_AGENT="AliceBrowser/1.0",
    )


def test_deleting_an_account_leaves_no_trace_of_the_person(
    storage: str, personas: Personas, populated_circle: object, invitation: object
) -> None:
    # `storage` comes first: the keys are set before the fixtures write anything.
    alice_leaves_traces_everywhere(personas)
    before = everything_stored()
    # The grep finds what is there, in every form it is stored in.
    assert tables_holding("alice@example.com", before) == [
        "accounts_user",
        "axes_accessattempt",
        "axes_accesslog",
        "core_auditevent",
    ]
    assert tables_holding("AliceBrowser", before) == ["axes_accessattempt", "axes_accesslog"]
    assert all(tables_holding(words, before) for words in ALICES_WORDS)
    if storage == "encrypted":
        # Only the decrypted values show the words: the raw columns hold tokens.
        raw = everything_stored(decrypted=False)
        assert [tables_holding(words, raw) for words in ALICES_WORDS] == [[]] * len(ALICES_WORDS)
    bob = personas.membership(personas.bob)

    client_for(personas.alice).post(
        "/accounts/delete/", {"password": PASSWORD, f"circle_{personas.circle.id}": str(bob.id)}
    )

    after = everything_stored()
    assert tables_holding("alice@example.com", after) == []
    assert tables_holding("AliceBrowser", after) == []
    assert {words: tables_holding(words, after) for words in ALICES_WORDS} == {
        words: [] for words in ALICES_WORDS
    }
    # Handed over: the circle keeps its safety plan, with no name on it.
    assert tables_holding(SAFETY_PLAN_TEXT, after) == ["safety_safetyplanversion"]
    assert SafetyPlanVersion.objects.get().created_by is None
    assert Circle.objects.filter(id=personas.circle.id).exists()
    # The history stays, redacted.
    assert AuditEvent.objects.filter(subject_label="deleted account").count() >= 2
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DELETED).count() == 1


def test_the_confirm_page_says_what_is_deleted_and_what_is_handed_over(
    personas: Personas,
) -> None:
    page = text_of(client_for(personas.bob).get("/accounts/delete/"))

    assert "Your boundaries, with every test logged on them" in page
    assert "Your comments on safety plans and invitation plans." in page
    assert "The invitation plan (CRAFT), including the versions you saved" in page
    assert "The safety plan, including the versions you saved, so the family keeps its plan." in (
        page
    )
