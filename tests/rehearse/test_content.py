from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from porchlight.checks import content_is_valid
from porchlight.rehearse import engine
from porchlight.rehearse.content import (
    DIRECTORY,
    MOVES,
    STATES,
    RehearseContentError,
    load_content,
)
from tests.rehearse.scripts import MI_CONSISTENT, REFLECTIONS, ROADBLOCKS

CONTENT = load_content()
PAIRS = [
    (scenario.id, personality.id)
    for scenario in CONTENT.scenarios.values()
    for personality in scenario.personalities
]


def test_scenarios_cover_eight_concerns_in_at_least_three_moments_each() -> None:
    moments: dict[str, set[str]] = {}
    for scenario in CONTENT.scenarios.values():
        moments.setdefault(scenario.concern.id, set()).add(scenario.moment.id)

    assert len(CONTENT.scenarios) >= 24
    assert sorted(moments) == sorted(
        ["alcohol", "drugs", "depression", "bpd", "hoarding", "psychosis", "eating_disorder",
         "gambling"]
    )  # fmt: skip
    assert {concern: len(found) >= 3 for concern, found in moments.items()} == dict.fromkeys(
        moments, True
    )
    assert {m.id for m in CONTENT.moments.values()} == {
        "first_time", "bad_night", "im_fine", "invite", "boundary", "relapse",
    }  # fmt: skip


def test_every_scenario_has_at_least_three_personalities() -> None:
    assert min(len(s.personalities) for s in CONTENT.scenarios.values()) >= 3


@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_every_state_has_replies_for_every_kind_of_move(
    scenario_id: str, personality_id: str
) -> None:
    scenario = CONTENT.scenarios[scenario_id]
    personality = scenario.personality(personality_id)
    assert personality is not None
    missing = [
        (state, move)
        for state in STATES
        for move in MOVES
        if not engine._candidates(scenario, personality, state, move)[0]
    ]
    assert missing == []
    assert scenario.moment.opening[personality.id]


@pytest.mark.parametrize("script", [ROADBLOCKS + ROADBLOCKS[:2], REFLECTIONS, MI_CONSISTENT])
@pytest.mark.parametrize(("scenario_id", "personality_id"), PAIRS)
def test_ten_turns_never_repeat_a_line(
    scenario_id: str, personality_id: str, script: list[str]
) -> None:
    scenario = CONTENT.scenarios[scenario_id]
    personality = scenario.personality(personality_id)
    assert personality is not None
    state = engine.initial_state(scenario, personality)
    heard = [engine.opening_line(scenario, personality)]
    for text in script[:10]:
        result = engine.take_turn(
            scenario=scenario, personality=personality, state=state, text=text, seed=3
        )
        state = result.state
        heard.append(result.reply)

    assert len(heard) == 11
    assert len(set(heard)) == len(heard)


def test_every_line_has_its_topic_filled_in() -> None:
    scenario = CONTENT.scenarios["gambling_first_time"]
    personality = scenario.personality("joking")
    assert personality is not None
    for level in STATES:
        for move in MOVES:
            for line in engine._candidates(scenario, personality, level, move)[1]:
                assert "{" not in engine._fill(line, scenario), line


def test_suicide_related_scenarios_are_the_depression_ones_and_have_safety_steps() -> None:
    related = sorted(s.id for s in CONTENT.scenarios.values() if s.suicide_related)

    assert related == sorted(
        s.id for s in CONTENT.scenarios.values() if s.concern.id == "depression"
    )
    assert CONTENT.safety_steps[0].startswith("If anyone is in danger right now")


def test_no_reply_names_a_method_or_a_stigmatising_word() -> None:
    words = re.compile(r"\b(?:pills to|overdose|rope|junkie|crazy|psycho|alcoholic)\b", re.I)
    allowed = {  # the loved one pushing back against a label is part of the scenario
        "I'm not an alcoholic, if that's what you're getting at.",
        "I'm not going to some place that treats me like a junkie.",
        "You think I'm crazy. I can see it.",
        "I'm not crazy. I feel things, that's all.",
    }
    lines = [
        line
        for p in CONTENT.personalities.values()
        for bank in p.replies.values()
        for replies in bank.values()
        for line in replies
    ] + [line for c in CONTENT.concerns.values() for ls in c.lines.values() for line in ls]
    flagged = [line for line in lines if line not in allowed and words.search(line)]
    assert flagged == []


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "rehearse"
    shutil.copytree(DIRECTORY, target)
    return target


def test_a_missing_move_in_a_bank_names_the_file_and_the_place(tmp_path: Path) -> None:
    target = copy_content(tmp_path)
    path = target / "personalities.yaml"
    text = path.read_text()
    path.write_text(text.replace('        support: ["Okay.", "Thanks, I guess."]\n', "", 1))

    with pytest.raises(RehearseContentError) as error:
        load_content.__wrapped__(target)

    assert str(error.value) == (
        "personalities.yaml: guarded replies shut_down support: lines must be a non-empty list"
    )


def test_a_scenario_with_two_personalities_is_refused(tmp_path: Path) -> None:
    target = copy_content(tmp_path)
    path = target / "scenarios.yaml"
    text = path.read_text()
    three, two = "personalities: [guarded, angry, joking]", "personalities: [guarded, angry]"
    path.write_text(text.replace(three, two, 1))

    with pytest.raises(RehearseContentError) as error:
        load_content.__wrapped__(target)

    assert str(error.value) == (
        "scenarios.yaml: alcohol_first_time: needs at least three different personalities"
    )


def test_the_start_up_check_loads_the_rehearsal_content() -> None:
    assert content_is_valid() == []
