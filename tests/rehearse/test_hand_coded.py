"""The summary's counts against sessions coded by hand, MITI 4.2.1 style.

Each supporter line below was coded by a person before the test was run: SR simple
reflection, CR complex reflection, OQ open question, CQ closed question, RB a
roadblock (Gordon's list, as the coach names them), AF affirmation. The sessions are
played through the web pages and finished, and the summary the person sees must
hold the hand-coded totals.
"""

from __future__ import annotations

import pytest

from porchlight.core.actor import Actor
from porchlight.rehearse import engine, services
from porchlight.rehearse.models import RehearsalSession
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

# (what the supporter says, the hand code)
MIXED = [
    ("You've had a rough week.", "SR"),
    ("What would you like to be different?", "OQ"),
    ("You need to stop this right now.", "RB"),
    ("It sounds like part of you wants things to change, and part of you is scared.", "CR"),
    ("Are you going to the party on Friday?", "CQ"),
    ("You feel cornered.", "CR"),
]
PUSHY = [
    ("If you keep this up, I'm leaving.", "RB"),
    ("You need to stop this right now.", "RB"),
    ("What worries you most about it?", "OQ"),
    ("I really appreciate you talking to me about this.", "AF"),
]


def miti_totals(session: list[tuple[str, str]]) -> dict[str, object]:
    """What a MITI coder adds up from the codes (R:Q = R / Q, %CR = CR / R)."""
    codes = [code for _, code in session]
    reflections = codes.count("SR") + codes.count("CR")
    questions = codes.count("OQ") + codes.count("CQ")
    return {
        "turns": len(codes),
        "reflections": reflections,
        "complex_reflections": codes.count("CR"),
        "questions": questions,
        "open_questions": codes.count("OQ"),
        "roadblocks": codes.count("RB"),
        "reflection_to_question": round(reflections / questions, 1) if questions else None,
        "percent_complex": round(100 * codes.count("CR") / reflections) if reflections else None,
    }


def play_and_finish(personas: Personas, session: list[tuple[str, str]]) -> RehearsalSession:
    rehearsal = services.start_session(
        circle=personas.circle, by=Actor(personas.bob), scenario_id="alcohol_bad_night",
        personality_id="guarded", seed=3,
    )  # fmt: skip
    client = client_for(personas.bob)
    base = f"/c/{personas.circle.id}/rehearse/{rehearsal.id}/"
    for text, _ in session:
        assert client.post(base + "turn/", {"text": text}).status_code == 302
    client.post(base + "finish/")
    rehearsal.refresh_from_db()
    return rehearsal


@pytest.mark.parametrize("session", [MIXED, PUSHY], ids=["mixed", "pushy"])
def test_the_summary_holds_the_hand_coded_totals(
    personas: Personas, session: list[tuple[str, str]]
) -> None:
    rehearsal = play_and_finish(personas, session)

    expected = miti_totals(session)
    assert {key: rehearsal.summary[key] for key in expected} == expected


def test_the_summary_page_shows_the_hand_coded_mixed_session(personas: Personas) -> None:
    rehearsal = play_and_finish(personas, MIXED)

    text = text_of(
        client_for(personas.bob).get(f"/c/{personas.circle.id}/rehearse/{rehearsal.id}/")
    )

    assert "Your moves over 6 turns" in text
    assert "Reflections to questions 1.5 to 1" in text
    assert "Reflections that go beyond their words 67%" in text
    assert "Reflections 3 (2 complex)" in text
    assert "Open questions 1 of 2" in text
    assert "Roadblocks 1" in text


# Lines a MITI coder codes differently from the coach today. They are the coach's
# (porchlight/language) to fix; strict xfail makes the fix visible here.
DISAGREEMENTS = [
    ("Did you drink last night?", "CQ"),  # the coach adds an "interrogating" roadblock
    ("It's your choice, and I'll respect whatever you decide.", "AU"),  # counted a reflection
    ("You're right, that's hard.", "AF"),  # "you're right" is read as labeling
]


@pytest.mark.xfail(reason="the coach codes this line unlike a MITI coder", strict=True)
@pytest.mark.parametrize(("text", "code"), DISAGREEMENTS)
def test_lines_the_coach_codes_unlike_a_person(text: str, code: str) -> None:
    moves = {"CQ": "closed_question", "AU": "support", "AF": "support"}

    assert engine.read_turn(text).move == moves[code]
