"""The simulated person changes the way people do: slowly, and not for roadblocks."""

from __future__ import annotations

from typing import Any

import pytest

from porchlight.rehearse import engine
from porchlight.rehearse.content import load_content
from tests.rehearse.scripts import MI_CONSISTENT, REFLECTIONS, ROADBLOCKS

CONTENT = load_content()
PAIRS = [
    (scenario.id, personality.id)
    for scenario in CONTENT.scenarios.values()
    for personality in scenario.personalities
]


def play(scenario_id: str, personality_id: str, script: list[str], seed: int = 5) -> list[Any]:
    scenario = CONTENT.scenarios[scenario_id]
    personality = scenario.personality(personality_id)
    assert personality is not None
    state = engine.initial_state(scenario, personality)
    results = []
    for text in script:
        result = engine.take_turn(
            scenario=scenario, personality=personality, state=state, text=text, seed=seed
        )
        state = result.state
        results.append(result)
    return results


@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_roadblocks_only_never_reach_opening_up(scenario_id: str, personality_id: str) -> None:
    results = play(scenario_id, personality_id, ROADBLOCKS * 2)

    assert [r.move for r in results] == ["roadblock"] * 16
    assert {r.state["level"] for r in results} <= {"shut_down", "guard_up"}
    assert results[-1].state["level"] == "shut_down"
    assert results[-1].state["stage"] == results[-1].state["start_stage"]


@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_reflecting_only_moves_readiness_at_most_one_stage(
    scenario_id: str, personality_id: str
) -> None:
    results = play(scenario_id, personality_id, REFLECTIONS * 2)
    start = results[0].state["start_stage"]

    assert max(r.state["stage"] for r in results) <= start + 1
    if CONTENT.scenarios[scenario_id].stage == "precontemplation":
        # From not seeing a problem, the best a session brings is "maybe": never agreement.
        assert CONTENT.stages[results[-1].state["stage"]] in ("precontemplation", "contemplation")


@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_nobody_opens_up_or_agrees_in_the_first_four_turns(
    scenario_id: str, personality_id: str
) -> None:
    results = play(scenario_id, personality_id, REFLECTIONS[:4])

    assert [r.state["level"] == "opening_up" for r in results] == [False] * 4
    assert [r.stage_moved for r in results] == [False] * 4


@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_mi_consistent_moves_bring_every_scenario_to_its_best_state(
    scenario_id: str, personality_id: str
) -> None:
    results = play(scenario_id, personality_id, MI_CONSISTENT)

    assert results[-1].state["best"] == "opening_up"
    assert results[-1].state["level"] == "opening_up"
    assert sum(r.stage_moved for r in results) == 1


def test_one_roadblock_costs_more_than_one_reflection_earns() -> None:
    for personality in CONTENT.personalities.values():
        roadblock = CONTENT.moves["roadblock"]
        extra = personality.extra.get("roadblock", (0, 0))
        cost = (roadblock.defensiveness + extra[1]) - (roadblock.trust + extra[0])
        for kind in ("reflection", "complex_reflection"):
            move = CONTENT.moves[kind]
            bonus = personality.extra.get(kind, (0, 0))
            gain = (move.trust + bonus[0]) - (move.defensiveness + bonus[1])
            assert cost > gain, (personality.id, kind)


def test_after_a_roadblock_they_remember_it() -> None:
    results = play("alcohol_first_time", "angry", [ROADBLOCKS[0], REFLECTIONS[0]])

    assert "was_judged" in results[1].state["flags"]
    assert results[1].reply in CONTENT.personalities["angry"].memory_judged
    assert results[1].state["trust"] == results[0].state["trust"]  # the good move earned less


def test_three_questions_in_a_row_raise_defensiveness() -> None:
    questions = ["What's been the hardest part for you?", "How do you see it?"] * 2

    results = play("gambling_first_time", "guarded", questions[:3])

    assert [r.state["defensiveness"] for r in results] == [4, 4, 5]


def test_the_same_seed_gives_the_same_conversation() -> None:
    first = [r.reply for r in play("hoarding_invite", "joking", MI_CONSISTENT, seed=11)]
    again = [r.reply for r in play("hoarding_invite", "joking", MI_CONSISTENT, seed=11)]
    other = [r.reply for r in play("hoarding_invite", "joking", MI_CONSISTENT, seed=12)]

    assert first == again
    assert first != other


def test_a_roadblock_note_names_it_and_offers_a_better_way() -> None:
    (result,) = play("alcohol_first_time", "guarded", ["You have to stop drinking."])

    assert result.note == (
        "Roadblock: ordering (\u201cYou have to stop drinking\u201d). Their guard went up. "
        "Instead: I'd really love it if you would stop drinking. What would "
        "make that feel possible for you?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!! ??? ...",
        "\U0001f600\U0001f600",
        "Hola, quiero hablar contigo sobre lo que pasó anoche con la bebida, por favor.",
        "\u6211\u5f88\u62c5\u5fc3\u4f60\uff0c\u6211\u4eec\u53ef\u4ee5\u8c08\u8c08\u5417",
    ],
)
def test_input_they_cannot_read_gets_an_in_character_question(text: str) -> None:
    (result,) = play("drugs_first_time", "angry", [text])

    assert result.move == "other"
    assert result.reply in CONTENT.personalities["angry"].unclear
    assert result.state["trust"] == CONTENT.personalities["angry"].trust
    assert result.note != ""


def test_very_long_input_is_answered() -> None:
    (result,) = play("alcohol_first_time", "guarded", ["You sound exhausted. " * 600])

    assert result.move == "complex_reflection"
    assert result.reply != ""


def test_a_warning_sign_from_the_simulated_person_prompts_asking_directly() -> None:
    results = play("depression_im_fine", "hopeless", MI_CONSISTENT, seed=2)
    warned = [r for r in results if "Are you thinking about suicide?" in r.note]

    burden = (
        "Some days I feel like everyone would be better off without me having to be dealt with."
    )
    # The risk detector decides what is a warning sign; the burden line must be one.
    assert burden in [r.reply for r in warned]
    assert all(r.note.endswith("Then listen, and get help today.") for r in warned)
