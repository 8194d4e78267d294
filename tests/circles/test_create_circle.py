from __future__ import annotations

import pytest

from porchlight.circles.models import Circle, Membership
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.core.permissions import Role
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.html import filled_in, text_of

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Dan",
    "relationship": "partner",
    "concerns": ["alcohol", "depression"],
    "country": "US",
}


def test_creating_a_circle_makes_me_its_owner_and_shows_its_home() -> None:
    user = UserFactory()
    client = client_for(user)

    response = client.post("/circles/new/", GOOD, follow=True)

    circle = Circle.objects.get()
    assert (circle.name, circle.relationship, circle.concerns, circle.country.code) == (
        "Dan",
        "partner",
        ["alcohol", "depression"],
        "US",
    )
    assert Membership.objects.get().role == Role.OWNER
    text = text_of(response)
    assert "Dan's circle is ready." in text
    sections = [section["title"] for section in response.context["sections"]]
    assert sections == [
        "Understand",
        "Talk",
        "Boundaries",
        "Invite to treatment",
        "Family team",
        "Safety",
        "Journal",
        "Look after yourself",
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.CIRCLE_CREATED, circle_id=circle.id
    ).exists()


def test_missing_answers_are_explained_next_to_each_field_and_nothing_is_lost() -> None:
    client = client_for(UserFactory())

    response = client.post(
        "/circles/new/", {"name": "Dan", "relationship": "partner", "country": ""}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["concerns"] == ["Choose at least one thing that worries you."]
    assert errors["country"] == ["This field is required."]
    fields = filled_in(response)
    assert (fields["name"], fields["relationship"]) == (["Dan"], ["partner"])
    assert Circle.objects.count() == 0


def test_unknown_concern_is_refused() -> None:
    client = client_for(UserFactory())

    response = client.post("/circles/new/", {**GOOD, "concerns": ["astrology"]})

    assert "Select a valid choice" in response.context["form"].errors["concerns"][0]


def test_each_section_has_a_useful_empty_state(personas) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.bob)

    response = client.get(f"/c/{personas.circle.id}/s/safety/")

    text = text_of(response)
    assert "Nothing is saved here yet." in text
    assert "If Zephyrine talks about wanting to die" in text
    assert "Based on: 988 Suicide & Crisis Lifeline" in text


def test_unknown_section_is_404(personas) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/s/nope/")

    assert response.status_code == 404


def test_owner_edits_the_circle_and_the_change_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.alice)

    client.post(
        f"/c/{personas.circle.id}/edit/",
        {"name": "Zeph", "relationship": "partner", "concerns": ["drugs"], "country": "CA"},
    )

    personas.circle.refresh_from_db()
    assert (personas.circle.name, personas.circle.concerns, personas.circle.country.code) == (
        "Zeph",
        ["drugs"],
        "CA",
    )
    event = AuditEvent.objects.get(action=AuditAction.CIRCLE_UPDATED)
    assert event.details == {"fields": ["concerns", "country", "name"]}


def test_home_lists_only_my_circles(personas) -> None:  # type: ignore[no-untyped-def]
    text = text_of(client_for(personas.bob).get("/"))

    assert "Zephyrine" in text
    assert "Quillon" not in text


def test_home_for_someone_without_circles_invites_them_to_start_one() -> None:
    text = text_of(client_for(UserFactory()).get("/"))

    assert "Start with the person you're worried about" in text
