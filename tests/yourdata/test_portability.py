from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.journal.models import JournalEntry
from porchlight.safety.models import PersonalSafetyAnswer, SafetyPlan
from porchlight.safety.services import add_comment
from porchlight.selfcare import services as selfcare_services
from porchlight.selfcare.models import CheckIn
from porchlight.yourdata import portability
from porchlight.yourdata import services as yourdata_services
from tests.conftest import Personas, client_for, pdf_text
from tests.factories import JournalEntryFactory
from tests.html import text_of
from tests.lookup import matching

pytestmark = pytest.mark.django_db

VOLATILE = {"exported_at"}


def stable(document: dict) -> dict:  # type: ignore[type-arg]
    """The export without its timestamp and without who pressed the button."""
    return {k: v for k, v in document.items() if k not in VOLATILE | {"exported_by"}}


def without_authors(document: dict) -> dict:  # type: ignore[type-arg]
    data = json.loads(json.dumps(stable(document)))
    for kind in (*portability.FIELDS, "rehearsals"):
        for record in data[kind]:
            record.pop("author")
    return data


CALM = {
    "stress": "a_little", "sleep": "well", "support": "plenty", "hope": "fairly_hopeful",
    "own_health": "very_well", "life_taken": "some", "self_harm": "not_at_all",
    "safe_at_home": "safe",
}  # fmt: skip
HARD = {
    **CALM, "stress": "overwhelmed", "sleep": "hardly", "support": "no_one", "hope": "no_hope",
    "own_health": "not_at_all", "life_taken": "nearly_all",
}  # fmt: skip


def add_selfcare_and_comments(personas: Personas) -> None:
    """Alice's and Bob's own check-ins and self-care plans, and Carol's comment on the plan."""
    add_comment(
        plan=SafetyPlan.objects.get(circle=personas.circle),
        by=Actor(personas.carol),
        text="Add the crisis team's number.",
    )
    selfcare_services.record_checkin(by=Actor(personas.alice), answers=CALM)
    selfcare_services.record_checkin(by=Actor(personas.alice), answers=HARD)
    selfcare_services.save_plan(
        by=Actor(personas.alice), answers={"restores_me": "Swimming on Tuesdays"}
    )
    strained = {**CALM, "stress": "very", "sleep": "badly"}
    selfcare_services.record_checkin(by=Actor(personas.bob), answers=strained)
    selfcare_services.save_plan(
        by=Actor(personas.bob), answers={"who_i_can_talk_to": "Bob's brother"}
    )


def test_export_holds_what_the_member_can_see(personas: Personas, populated_circle: object) -> None:
    JournalEntryFactory(
        circle=personas.circle, author=personas.bob, happened="Bob's private note", private=True
    )

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
    personas: Personas, populated_circle: object, tmp_path: Path
) -> None:
    client = client_for(personas.alice)
    client.post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "hinted"})},
    )
    add_selfcare_and_comments(personas)
    response = client.get(f"/c/{personas.circle.id}/export.json")
    original = json.loads(response.content)
    assert [c["text"] for c in original["plan_comments"]] == ["Add the crisis team's number."]
    assert [c["band"] for c in original["checkins"]] == ["doing_okay", "at_risk"]
    assert original["selfcare_plan"]["answers"] == {"restores_me": "Swimming on Tuesdays"}
    assert [p["their_words"] for p in original["conversation_plans"]] == [
        "I'm fine. Stop watching me."
    ]
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


def test_export_holds_comments_and_only_the_members_own_checkins_and_selfcare_plan(
    personas: Personas, populated_circle: object
) -> None:
    add_selfcare_and_comments(personas)

    alice = portability.export_circle(personas.membership(personas.alice))
    bob = portability.export_circle(personas.membership(personas.bob))
    carol = portability.export_circle(personas.membership(personas.carol))

    assert [c["text"] for c in alice["plan_comments"]] == ["Add the crisis team's number."]
    # The plan is shared with Carol, so she gets it, with her own comment marked as hers.
    assert [(c["text"], c["author_is_me"]) for c in carol["plan_comments"]] == [
        ("Add the crisis team's number.", True)
    ]
    assert [c["score"] for c in alice["checkins"]] == [
        c.score for c in CheckIn.objects.filter(user=personas.alice).order_by("created_at")
    ]
    assert alice["selfcare_plan"]["answers"] == {"restores_me": "Swimming on Tuesdays"}
    assert [c["band"] for c in bob["checkins"]] == ["strained"]
    assert bob["selfcare_plan"]["answers"] == {"who_i_can_talk_to": "Bob's brother"}
    assert "Swimming on Tuesdays" not in json.dumps(bob)
    assert "Bob's brother" not in json.dumps(alice)
    assert (carol["checkins"], carol["selfcare_plan"]) == ([], None)


def test_the_pdf_export_holds_comments_checkins_and_selfcare_plan(
    personas: Personas, populated_circle: object
) -> None:
    add_selfcare_and_comments(personas)

    alice = pdf_text(client_for(personas.alice).get(f"/c/{personas.circle.id}/export.pdf").content)
    bob = pdf_text(client_for(personas.bob).get(f"/c/{personas.circle.id}/export.pdf").content)

    assert "· Carol Add the crisis team's number." in alice
    assert "· Doing okay strain" in alice
    assert "· At risk of burnout strain" in alice
    assert "What helps me feel like myself again? Swimming on Tuesdays" in alice
    assert "Swimming on Tuesdays" not in bob
    assert "Bob's brother" in bob
    assert "· Carol Add the crisis team's number." in bob


def test_a_foreign_file_is_refused(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "something-else"}')

    with pytest.raises(Exception, match="not a Porchlight circle export"):
        call_command("import_circle", str(path), "--owner", "dave@example.com")


def test_readable_pdf_export(personas: Personas, populated_circle: object) -> None:
    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/export.pdf")

    text = pdf_text(response.content)
    assert "Zephyrine's circle" in text
    assert "Zephyrine talked about the garden." in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORTED, details__what="circle_pdf"
    ).exists()


def test_deleting_a_circle_needs_its_name_and_leaves_nothing(
    personas: Personas, populated_circle: object
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
    personas: Personas, populated_circle: object
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
    yourdata_services.delete_account(
        user=personas.dave,
        decisions={str(personas.dave_circle.id): "delete"},
        by=Actor(personas.dave),
    )

    assert not Circle.objects.filter(id=personas.dave_circle.id).exists()


def test_an_export_made_before_what_they_might_say_still_imports(
    personas: Personas, populated_circle: object
) -> None:
    document = portability.export_circle(personas.membership(personas.alice))
    for plan in document["conversation_plans"]:
        del plan["their_words"]

    imported = portability.import_circle(document, owner=personas.dave)

    plan = ConversationPlan.objects.get(circle=imported.circle)
    assert plan.their_words == ""
    assert plan.if_no == "That's okay. I'm here when you're ready."
