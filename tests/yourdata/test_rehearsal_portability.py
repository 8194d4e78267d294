"""Rehearsals travel with the person's export, stay private, and leave with them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from porchlight.circles import services as circles
from porchlight.coach.models import ConversationPlan
from porchlight.core.actor import Actor
from porchlight.rehearse import services
from porchlight.rehearse.models import RehearsalSession, RehearsalTurn
from porchlight.yourdata import portability
from porchlight.yourdata import services as yourdata
from tests.conftest import Personas, client_for
from tests.factories import UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

SESSION_FIELDS = (
    "scenario", "personality", "seed", "goal", "opening", "they_might_say", "private",
    "state", "rewinds", "summary", "finished_at", "created_at",
)  # fmt: skip
TURN_FIELDS = (
    "number", "text", "reply", "note", "move", "level", "counts", "state_after", "alert",
    "created_at",
)  # fmt: skip


def as_seen(session: RehearsalSession) -> dict[str, Any]:
    """A rehearsal as the person would find it again: every field and every turn."""
    return {
        **{field: getattr(session, field) for field in SESSION_FIELDS},
        "plan_goal": session.plan.goal if session.plan else None,
        "turns": [{f: getattr(t, f) for f in TURN_FIELDS} for t in session.turns.all()],
    }


def bobs_rehearsals(personas: Personas) -> list[RehearsalSession]:
    """Bob's private rehearsal from Alice's plan (finished, one turn taken back) and a
    shared one with a risk alert on a turn."""
    bob = Actor(personas.bob)
    plan = ConversationPlan.objects.get(circle=personas.circle)
    private = services.start_session(
        circle=personas.circle, by=bob, scenario_id="alcohol_first_time",
        personality_id="guarded", plan=plan, seed=11,
    )  # fmt: skip
    for text in ("You have to stop drinking.", "You sound worn out.", "What worries you most?"):
        services.play_turn(session=private, by=bob, text=text)
    services.rewind(session=private, by=bob)
    services.play_turn(session=private, by=bob, text="It sounds like you feel judged.")
    services.finish(session=private, by=bob)
    shared = services.start_session(
        circle=personas.circle, by=bob, scenario_id="depression_im_fine",
        personality_id="hopeless", seed=5,
    )  # fmt: skip
    services.play_turn(session=shared, by=bob, text="I'm scared I'll kill myself one day too.")
    services.set_private(session=shared, by=bob, private=False)
    return [private, shared]


def test_rehearsals_round_trip_into_a_fresh_account(
    personas: Personas, populated_circle: object
) -> None:
    originals = bobs_rehearsals(personas)
    erin = UserFactory(email="erin@example.com", display_name="Erin")
    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/export.json")
    document = json.loads(response.content)
    parsed, lines = portability.read_export(json.dumps(document, indent=2))

    imported = portability.import_circle(parsed, owner=erin, lines=lines)

    copies = list(RehearsalSession.objects.filter(circle=imported.circle).order_by("created_at"))
    assert imported.counts["rehearsals"] == 2
    assert [as_seen(s) for s in copies] == [as_seen(s) for s in originals]
    assert [s.author for s in copies] == [erin, erin]
    assert copies[0].plan is not None
    assert copies[0].plan.circle_id == imported.circle.id
    # The copy plays on exactly as the original would have: same seed, same state.
    for session, actor in ((originals[0], Actor(personas.bob)), (copies[0], Actor(erin))):
        services.play_turn(session=session, by=actor, text="What would help right now?")
    assert copies[0].turns.last().reply == originals[0].turns.last().reply  # type: ignore[union-attr]
    page = client_for(erin).get(f"/c/{imported.circle.id}/rehearse/{copies[1].id}/")
    assert "I'm scared I'll kill myself one day too." in text_of(page)


def test_a_private_rehearsal_is_exported_only_for_its_owner(
    personas: Personas, populated_circle: object
) -> None:
    bobs_rehearsals(personas)
    alices = RehearsalSession.objects.get(author=personas.alice)  # private, from the fixture

    alice = portability.export_circle(personas.membership(personas.alice))
    bob = portability.export_circle(personas.membership(personas.bob))
    carol = portability.export_circle(personas.membership(personas.carol))

    assert [(r["scenario"], r["author"], r["private"]) for r in alice["rehearsals"]] == [
        ("alcohol_first_time", "Alice", True),
        ("depression_im_fine", "Bob", False),  # Bob shared this one
    ]
    assert [(r["author"], r["private"]) for r in bob["rehearsals"]] == [
        ("Bob", True),
        ("Bob", False),
    ]
    assert alices.turns.get().text == "You seem worn out lately."
    assert "You seem worn out lately." not in json.dumps(bob)
    assert carol["rehearsals"] == []  # professionals do not rehearse in the circle


def test_leaving_a_circle_deletes_your_private_rehearsals_and_keeps_shared_ones(
    personas: Personas, populated_circle: object
) -> None:
    private, shared = bobs_rehearsals(personas)

    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/leave/")
    circles.leave_circle(membership=personas.membership(personas.bob), by=Actor(personas.bob))

    assert "Your private rehearsals in this circle are deleted when you leave." in text_of(response)
    assert list(RehearsalSession.objects.filter(circle=personas.circle, author=personas.bob)) == [
        shared
    ]
    assert not RehearsalTurn.objects.filter(session_id=private.id).exists()
    page = client_for(personas.alice).get(f"/c/{personas.circle.id}/rehearse/{shared.id}/")
    assert page.status_code == 200


def test_a_removed_member_loses_their_private_rehearsals(
    personas: Personas, populated_circle: object
) -> None:
    _, shared = bobs_rehearsals(personas)

    circles.remove_member(membership=personas.membership(personas.bob), by=Actor(personas.alice))

    assert set(RehearsalSession.objects.filter(author=personas.bob)) == {shared}


def test_deleting_an_account_deletes_every_rehearsal_it_made(
    personas: Personas, populated_circle: object
) -> None:
    bobs_rehearsals(personas)
    alices = RehearsalSession.objects.get(author=personas.alice)
    page = client_for(personas.bob).get("/accounts/delete/")

    yourdata.delete_account(user=personas.bob, decisions={}, by=Actor(personas.bob))

    assert "Your rehearsals (practice conversations), private or shared" in text_of(page)
    assert list(RehearsalSession.objects.all()) == [alices]
    assert RehearsalTurn.objects.filter(session__circle=personas.circle).count() == 1
