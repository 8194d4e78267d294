"""The CRAFT plan in "Download everything", back in by import, and after an account is deleted."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porchlight.circles.models import Membership
from porchlight.core.actor import Actor
from porchlight.craft import services
from porchlight.craft.models import CraftComment, CraftPlan, CraftPlanVersion, InvitationStep
from porchlight.yourdata import portability
from porchlight.yourdata import services as yourdata_services
from porchlight.yourdata.import_check import CircleImportError
from tests.conftest import Personas, client_for, pdf_text

pytestmark = pytest.mark.django_db

PATTERN = {"behaviour": "Drinking after work", "what_it_costs": "His sleep"}
REWARDS = {"what_they_enjoy": "Cooking together", "what_i_stop": "Leave the room"}
INVITATION = {
    "exact_words": "Would you come with me to see Dr Lee on Tuesday?",
    "good_moments": ["sober_calm", "voices_wish"],
    "if_no": "OK. The offer stands.",
}
OPTION = {
    "kind": "craft_therapist",
    "name": "Ms Reyes, CRAFT therapist",
    "how_to_get_in": "Book online",
    "cost": "Sliding scale",
    "wait": "Two weeks",
    "checked_by": "Bob",
    "checked_on": dt.date(2026, 11, 20),
}


def make_plan(personas: Personas) -> None:
    alice, bob = Actor(personas.alice), Actor(personas.bob)
    circle = personas.circle
    services.save_part(circle=circle, by=alice, part="pattern", value=PATTERN)
    services.save_part(circle=circle, by=bob, part="rewards", value=REWARDS)
    services.save_part(circle=circle, by=alice, part="invitation", value=INVITATION)
    services.save_part(circle=circle, by=bob, part="options", value=[OPTION])
    services.set_sharing(circle=circle, by=alice, shared=True)
    plan = CraftPlan.objects.get(circle=circle)
    services.add_comment(plan=plan, by=Actor(personas.carol), text="Ask about the Tuesday group.")
    services.log_step(circle=circle, by=alice, step="asked", happened_on=dt.date(2026, 11, 21))
    services.log_step(circle=circle, by=alice, step="said_maybe", happened_on=dt.date(2026, 11, 21))


def craft_part(document: dict) -> dict:  # type: ignore[type-arg]
    keys = ("craft_plan_versions", "craft_comments", "invitation_steps")
    part = {key: json.loads(json.dumps(document[key])) for key in keys}
    for records in part.values():
        for record in records:
            record.pop("author")
    part["shared"] = document["craft_plan_shared_with_professionals"]
    return part


def test_the_plan_reloads_as_saved(personas: Personas) -> None:
    make_plan(personas)

    parts = services.current_parts(personas.circle)

    assert parts == {
        "pattern": PATTERN,
        "rewards": REWARDS,
        "invitation": INVITATION,
        "options": [{**OPTION, "checked_on": "2026-11-20"}],
    }
    assert CraftPlanVersion.objects.count() == 4


def test_the_plan_exports_and_imports_back_the_same(personas: Personas) -> None:
    make_plan(personas)
    original = portability.export_circle(personas.membership(personas.alice))

    parsed, lines = portability.read_export(json.dumps(original, indent=2))
    imported = portability.import_circle(parsed, owner=personas.dave, lines=lines)
    again = portability.export_circle(
        Membership.objects.get(circle=imported.circle, user=personas.dave)
    )

    assert craft_part(again) == craft_part(original)
    assert [v["number"] for v in original["craft_plan_versions"]] == [1, 2, 3, 4]
    assert original["craft_plan_versions"][-1]["parts"]["options"][0]["name"] == OPTION["name"]
    assert imported.counts["invitation_steps"] == 2
    assert CraftPlan.objects.get(circle=imported.circle).shared_with_professionals is True


def test_a_professional_exports_the_plan_only_once_shared(personas: Personas) -> None:
    bob = Actor(personas.bob)
    services.save_part(circle=personas.circle, by=bob, part="pattern", value=PATTERN)
    carol = personas.membership(personas.carol)

    before = portability.export_circle(carol)
    services.set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    after = portability.export_circle(carol)

    assert before["craft_plan_versions"] == []
    assert [v["parts"] for v in after["craft_plan_versions"]] == [{"pattern": PATTERN}]


def test_an_import_with_an_unknown_worksheet_field_is_refused(personas: Personas) -> None:
    make_plan(personas)
    document = portability.export_circle(personas.membership(personas.alice))
    document["craft_plan_versions"][0]["parts"]["pattern"]["secret"] = "x"
    document["invitation_steps"][0]["step"] = "dragged_there"

    with pytest.raises(CircleImportError) as raised:
        portability.import_circle(document, owner=personas.dave)

    message = str(raised.value)
    assert "craft_plan_versions[0].parts.pattern.secret: 'secret' is not one of" in message
    assert "invitation_steps[0].step: Select a valid choice." in message


def test_deleting_an_account_hands_the_plan_over_and_deletes_its_comments(
    personas: Personas,
) -> None:
    make_plan(personas)

    yourdata_services.delete_account(user=personas.carol, decisions={}, by=Actor(personas.carol))
    yourdata_services.delete_account(user=personas.bob, decisions={}, by=Actor(personas.bob))

    assert CraftComment.objects.count() == 0
    versions = CraftPlanVersion.objects.order_by("number")
    assert [v.created_by for v in versions] == [personas.alice, None, personas.alice, None]
    assert services.current_parts(personas.circle)["rewards"] == REWARDS
    assert InvitationStep.objects.count() == 2


def test_the_readable_pdf_export_holds_the_plan_in_words(personas: Personas) -> None:
    make_plan(personas)

    response = client_for(personas.alice).get(f"/c/{personas.circle.id}/export.pdf")

    text = " ".join(pdf_text(response.content).split())
    assert "Inviting to treatment (CRAFT)" in text
    assert "Good moments to ask When they are sober and calm, When they say they wish" in text
    assert "Where they could go: Ms Reyes, CRAFT therapist" in text
    assert "21 November 2026 · Said maybe" in text
    assert "Ask about the Tuesday group." in text
