from __future__ import annotations

import pytest
from django.utils import timezone

from porchlight.boundaries.models import Boundary, BoundaryTest
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.safety import personal_safety
from tests.conftest import Personas, client_for
from tests.factories import BoundaryFactory
from tests.html import text_of
from tests.lookup import one

pytestmark = pytest.mark.django_db

GOOD = {
    "wont_do": "pay his phone bill",
    "will_do": "call him every Sunday",
    "why": "I want our money to go to the children",
    "if_crossed": "I will say no once, kindly, and not argue",
    "how_to_say": "You always waste my money, you're hopeless.",
}


def url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/boundaries/{suffix}"


def feel_safe(personas: Personas, user, afraid: bool = False) -> None:  # type: ignore[no-untyped-def]
    personal_safety.record_answer(membership=personas.membership(user), afraid=afraid)


def test_boundaries_first_ask_if_it_is_safe(personas: Personas) -> None:
    text = text_of(client_for(personas.bob).get(url(personas)))

    assert "First, is it safe for you?" in text
    assert client_for(personas.bob).get(url(personas, "new/")).context["ask_if_safe"]


def test_fear_replaces_the_builder_with_safety_first(personas: Personas) -> None:
    feel_safe(personas, personas.bob, afraid=True)

    text = text_of(client_for(personas.bob).get(url(personas, "new/")))

    assert "Your safety first" in text
    assert "National Domestic Violence Hotline" in text
    assert "What won't you do any more?" not in text


def test_build_a_boundary_and_the_coach_reads_how_you_will_say_it(personas: Personas) -> None:
    feel_safe(personas, personas.bob)
    client = client_for(personas.bob)

    response = client.post(url(personas, "new/"), GOOD, follow=True)

    boundary = one(Boundary.objects.all(), wont_do="pay his phone bill")
    assert boundary.author == personas.bob
    text = text_of(response)
    assert "Your boundary is saved." in text
    assert "The coach on how you'll say it" in text
    roadblocks = "Roadblocks: Labeling or name-calling “you're hopeless” Generalizing “You always”"
    assert roadblocks in text


def test_missing_parts_are_explained_and_nothing_is_lost(personas: Personas) -> None:
    feel_safe(personas, personas.bob)

    response = client_for(personas.bob).post(url(personas, "new/"), {**GOOD, "why": ""})

    assert response.context["form"].errors["why"] == ["This field is required."]
    assert "pay his phone bill</textarea>" in response.content.decode()


def test_log_tests_and_see_consistency_without_shame(personas: Personas) -> None:
    feel_safe(personas, personas.bob)
    client = client_for(personas.bob)
    client.post(url(personas, "new/"), GOOD)
    boundary = one(Boundary.objects.all(), wont_do="pay his phone bill")
    today = timezone.localdate().isoformat()

    for result in ("held", "held", "bent", "broke"):
        client.post(url(personas, f"{boundary.id}/test/"), {"happened_on": today, "result": result})

    assert BoundaryTest.objects.filter(boundary=boundary).count() == 4
    text = text_of(client.get(url(personas, f"{boundary.id}/")))
    assert "Held 2, bent 1, broke 1 (50% held)." in text
    bad = client.post(
        url(personas, f"{boundary.id}/test/"), {"happened_on": today, "result": "shattered"}
    )
    assert "Select a valid choice" in bad.context["form"].errors["result"][0]


def test_enabling_check_suggests_a_boundary_that_prefills_the_builder(personas: Personas) -> None:
    feel_safe(personas, personas.bob)
    client = client_for(personas.bob)

    response = client.post(
        url(personas, "check/"), {"pay_for_problem": "often", "shield_consequences": "never"}
    )

    text = text_of(response)
    assert "Boundaries you could try" in text
    assert "Use this as a start" in text
    builder = client.get(url(personas, "new/"), {"from": "pay_for_problem"})
    assert builder.context["form"].initial["why"]
    assert not builder.context["form"].initial["wont_do"].startswith("I won't")


def test_enabling_check_with_nothing_to_change(personas: Personas) -> None:
    feel_safe(personas, personas.bob)

    response = client_for(personas.bob).post(url(personas, "check/"), {"pay_for_problem": "never"})

    assert "Nothing here points to enabling." in text_of(response)


def test_only_its_author_can_edit_a_boundary(personas: Personas) -> None:
    feel_safe(personas, personas.bob)
    feel_safe(personas, personas.alice)
    client_for(personas.bob).post(url(personas, "new/"), GOOD)
    boundary = one(Boundary.objects.all(), wont_do="pay his phone bill")
    owner = client_for(personas.alice)

    page = owner.get(url(personas, f"{boundary.id}/"))
    attempt = owner.post(url(personas, f"{boundary.id}/edit/"), {**GOOD, "wont_do": "visit him"})

    assert "Written by Bob. Only Bob can edit this." in text_of(page)
    assert f"/boundaries/{boundary.id}/edit/" not in page.content.decode()
    assert owner.get(url(personas, f"{boundary.id}/edit/")).status_code == 403
    assert attempt.status_code == 403
    boundary.refresh_from_db()
    assert boundary.wont_do == "pay his phone bill"
    own_page = client_for(personas.bob).get(url(personas, f"{boundary.id}/"))
    assert "This boundary is yours. Only you can edit it." in text_of(own_page)
    assert f"/boundaries/{boundary.id}/edit/" in own_page.content.decode()


def test_saving_a_boundary_writes_an_audit_row_without_its_text(personas: Personas) -> None:
    feel_safe(personas, personas.bob)
    client = client_for(personas.bob)
    client.post(url(personas, "new/"), GOOD)
    boundary = one(Boundary.objects.all(), wont_do="pay his phone bill")

    client.post(url(personas, f"{boundary.id}/edit/"), {**GOOD, "will_do": "call him on Fridays"})

    events = AuditEvent.objects.filter(action=AuditAction.BOUNDARY_SAVED).order_by("id")
    assert [(e.actor, e.circle_id, e.details) for e in events] == [
        (personas.bob, personas.circle.id, {"boundary": str(boundary.id), "created": True}),
        (personas.bob, personas.circle.id, {"boundary": str(boundary.id), "created": False}),
    ]


def test_a_boundary_whose_author_left_cannot_be_edited(personas: Personas) -> None:
    feel_safe(personas, personas.alice)
    boundary = BoundaryFactory(circle=personas.circle, author=None)
    client = client_for(personas.alice)

    page = client.get(url(personas, f"{boundary.id}/"))

    assert "Written by someone who has left the circle, so no one can edit it now." in text_of(page)
    assert client.get(url(personas, f"{boundary.id}/edit/")).status_code == 403
