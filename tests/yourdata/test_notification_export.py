"""A member's notifications travel with their export and go with their account."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from porchlight.circles.models import Circle, Membership
from porchlight.core.actor import Actor
from porchlight.notifications.models import Notification
from porchlight.safety.models import SafetyPlan
from porchlight.safety.services import add_comment
from porchlight.yourdata import portability
from porchlight.yourdata import services as yourdata_services
from tests.conftest import Personas, client_for, pdf_text

pytestmark = pytest.mark.django_db


def carol_comments(personas: Personas) -> None:
    add_comment(
        plan=SafetyPlan.objects.get(circle=personas.circle),
        by=Actor(personas.carol),
        text="Add the crisis team's number.",
    )


def test_export_holds_the_members_own_notifications_without_names(
    personas: Personas, populated_circle: object
) -> None:
    carol_comments(personas)
    Notification.objects.filter(user=personas.bob).update(read_at=timezone.now())

    alice = json.loads(
        client_for(personas.alice).get(f"/c/{personas.circle.id}/export.json").content
    )
    bob = json.loads(client_for(personas.bob).get(f"/c/{personas.circle.id}/export.json").content)

    assert [(n["kind"], n["read_at"]) for n in alice["notifications"]] == [("plan_comment", None)]
    # Bob was told of Alice's plan too; he has read both.
    assert [n["kind"] for n in bob["notifications"]] == ["plan_changed", "plan_comment"]
    assert all(n["read_at"] is not None for n in bob["notifications"])
    assert set(alice["notifications"][0]) == {"kind", "created_at", "read_at"}


def test_notifications_come_back_on_import_for_the_importer(
    personas: Personas, populated_circle: object, tmp_path: Path
) -> None:
    carol_comments(personas)
    original = portability.export_circle(personas.membership(personas.alice))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(original))

    call_command("import_circle", str(path), "--owner", "dave@example.com", stdout=io.StringIO())

    imported = Circle.objects.filter(name="Zephyrine").exclude(id=personas.circle.id).get()
    rows = list(Notification.objects.filter(circle=imported))
    assert [(n.user_id, n.actor_id, n.kind) for n in rows] == [
        (personas.dave.id, None, "plan_comment")
    ]
    again = portability.export_circle(Membership.objects.get(circle=imported, user=personas.dave))
    assert again["notifications"] == original["notifications"]


def test_a_notification_of_an_unknown_kind_is_refused_on_import(
    personas: Personas, populated_circle: object
) -> None:
    document = portability.export_circle(personas.membership(personas.alice))
    document["notifications"] = [
        {"kind": "mystery", "created_at": "2026-11-01T10:00:00+00:00", "read_at": None}
    ]

    with pytest.raises(portability.CircleImportError, match="notifications"):
        portability.import_circle(document, owner=personas.dave)
    assert not Circle.objects.filter(name="Zephyrine").exclude(id=personas.circle.id).exists()


def test_the_readable_export_lists_notifications(
    personas: Personas, populated_circle: object
) -> None:
    carol_comments(personas)

    text = pdf_text(client_for(personas.alice).get(f"/c/{personas.circle.id}/export.pdf").content)

    assert "Your notifications" in text
    assert "A member commented on the safety plan" in text
    assert "not read" in text


def test_deleting_an_account_deletes_its_notifications_and_those_about_what_it_did(
    personas: Personas, populated_circle: object
) -> None:
    carol_comments(personas)
    assert Notification.objects.filter(actor=personas.carol).count() == 2

    yourdata_services.delete_account(user=personas.carol, decisions={}, by=Actor(personas.carol))

    assert not Notification.objects.filter(actor_id=personas.carol.id).exists()
    assert Notification.objects.filter(user=personas.alice).count() == 0
