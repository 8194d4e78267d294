from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from pypdf import PdfReader

from porchlight.accounts import services as account_services
from porchlight.circles import portability
from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import CoachedMessage
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.journal.models import JournalEntry
from porchlight.safety.models import PersonalSafetyAnswer
from tests.conftest import Personas, client_for
from tests.html import text_of
from tests.lookup import matching

pytestmark = pytest.mark.django_db

VOLATILE = {"exported_at"}


def stable(document: dict) -> dict:  # type: ignore[type-arg]
    """The export without its timestamp and without who pressed the button."""
    return {k: v for k, v in document.items() if k not in VOLATILE | {"exported_by"}}


def without_authors(document: dict) -> dict:  # type: ignore[type-arg]
    data = json.loads(json.dumps(stable(document)))
    for kind in portability.FIELDS:
        for record in data[kind]:
            record.pop("author")
    return data


def test_export_holds_what_the_member_can_see(personas: Personas, invitation: object) -> None:
    JournalEntry.objects.create(
        circle=personas.circle, author=personas.bob, kind="note",
        happened_on="2026-11-01", happened="Bob's private note", private=True,
    )  # fmt: skip

    alice = portability.export_circle(personas.membership(personas.alice))
    bob = portability.export_circle(personas.membership(personas.bob))
    carol = portability.export_circle(personas.membership(personas.carol))

    assert alice["circle"]["name"] == "Zephyrine"
    assert "Bob's private note" not in json.dumps(alice)
    assert "Bob's private note" in json.dumps(bob)
    assert carol["journal_entries"] == []  # professionals don't see the journal
    assert carol["safety_plan_versions"]  # but see the shared plan
    assert len(alice["coached_messages"]) == 1
    assert alice["boundaries"][0]["wont_do"] == "lend money"
    assert alice["boundaries"][0]["tests"][0]["result"] == "held"


def test_export_reimports_losslessly(
    personas: Personas, invitation: object, tmp_path: Path
) -> None:
    client = client_for(personas.alice)
    client.post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "hinted"})},
    )
    response = client.get(f"/c/{personas.circle.id}/export.json")
    original = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="porchlight-zephyrine.json"'
    path = tmp_path / "export.json"
    path.write_bytes(response.content)

    call_command("import_circle", str(path), "--owner", "dave@example.com", stdout=io.StringIO())

    imported = Circle.objects.filter(name="Zephyrine").exclude(id=personas.circle.id).get()
    again = portability.export_circle(Membership.objects.get(circle=imported, user=personas.dave))
    assert without_authors(again) == without_authors(original)
    entry = JournalEntry.objects.get(circle=imported, kind="safety_check")
    assert entry.safety_check is not None
    assert entry.safety_check.circle_id == imported.id


def test_a_foreign_file_is_refused(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "something-else"}')

    with pytest.raises(Exception, match="not a Porchlight circle export"):
        call_command("import_circle", str(path), "--owner", "dave@example.com")


def test_readable_pdf_export(personas: Personas, invitation: object) -> None:
    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/export.pdf")

    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Zephyrine's circle" in text
    assert "Zephyrine talked about the garden." in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORTED, details__what="circle_pdf"
    ).exists()


def test_deleting_a_circle_needs_its_name_and_leaves_nothing(
    personas: Personas, invitation: object
) -> None:
    client = client_for(personas.alice)
    url = f"/c/{personas.circle.id}/delete/"

    wrong = client.post(url, {"confirm_name": "zeph"})
    assert wrong.status_code == 400
    assert "Type Zephyrine exactly to confirm." in text_of(wrong)
    client.post(url, {"confirm_name": "Zephyrine"})

    assert not Circle.objects.filter(id=personas.circle.id).exists()
    for model in apps.get_app_config("journal").get_models():
        assert not model.objects.filter(circle_id=personas.circle.id).exists()
    for label in ("safety", "coach", "understand", "circles"):
        for model in apps.get_app_config(label).get_models():
            fields = {f.name for f in model._meta.get_fields()}
            if "circle" in fields:
                assert not model.objects.filter(circle_id=personas.circle.id).exists(), model
    assert AuditEvent.objects.filter(
        action=AuditAction.CIRCLE_DELETED, circle_id=personas.circle.id
    ).exists()


def test_deleting_an_account_hands_over_circles_and_erases_the_person(
    personas: Personas, invitation: object
) -> None:
    bob_membership = personas.membership(personas.bob)
    client = client_for(personas.alice)
    page = client.get("/accounts/delete/")
    assert "Zephyrine's circle: you are its only owner" in text_of(page)

    bad = client.post("/accounts/delete/", {"password": "wrong"})
    assert bad.context["form"].errors["password"] == ["That password is not right."]
    assert bad.context["form"].errors[f"circle_{personas.circle.id}"] == [
        "Choose what happens to this circle."
    ]
    client.post(
        "/accounts/delete/",
        {
            "password": "a calm lighthouse keeper",
            f"circle_{personas.circle.id}": str(bob_membership.id),
        },
    )

    bob_membership.refresh_from_db()
    assert bob_membership.role == "owner"
    assert not type(personas.alice).objects.filter(email="alice@example.com").exists()
    assert not matching(JournalEntry.objects.all(), happened="Zephyrine talked about the garden.")
    assert not CoachedMessage.objects.filter(circle=personas.circle).exists()
    assert not AuditEvent.objects.filter(actor_label="alice@example.com").exists()
    assert not AuditEvent.objects.filter(subject_label="alice@example.com").exists()
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DELETED).exists()
    assert not PersonalSafetyAnswer.objects.filter(
        membership__user__email="alice@example.com"
    ).exists()


def test_deleting_an_account_can_delete_its_circles(personas: Personas) -> None:
    account_services.delete_account(
        user=personas.dave, decisions={str(personas.dave_circle.id): "delete"}
    )

    assert not Circle.objects.filter(id=personas.dave_circle.id).exists()
