"""The weekly self-care check-in: score and bands, the supporter's safety flags, sustained
decline, support and plan prompts, and a strict loader."""

from __future__ import annotations

import copy
import dataclasses
import statistics
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from porchlight.content.library import load_articles
from porchlight.content.wording import banned_phrase_in, iter_strings
from porchlight.selfcare.engine import (
    BANDS,
    CHECKIN_FILE,
    MAX_ITEM_SCORE,
    CheckinAnswerError,
    CheckinDataError,
    CheckinQuestion,
    band_for,
    decline_support,
    evaluate,
    load_checkin,
    plan_prompts,
    questions,
    sustained_decline,
)
from tests.readability import fk_grade

SCORED = ["stress", "sleep", "support", "hope", "own_health", "life_taken"]
SAFETY = ["self_harm", "safe_at_home"]


def answers_scoring(*scores: int) -> dict[str, str]:
    """Answers to the in-score questions, in order, with these item scores."""
    chosen = {}
    for question_id, score in zip(SCORED, scores, strict=False):
        question = load_checkin().question(question_id)
        chosen[question_id] = next(o.id for o in question.options if o.score == score)
    return chosen


# --------------------------------------------------------------------------- questions


def test_the_check_in_has_the_expected_questions() -> None:
    assert [q.id for q in questions()] == SCORED + SAFETY
    assert 6 <= len(questions()) <= 8
    assert [q.id for q in questions() if q.in_score] == SCORED


@pytest.mark.parametrize("question", questions(), ids=lambda q: q.id)
def test_every_question_is_scored_0_to_4_with_plain_labels(question: CheckinQuestion) -> None:
    scores = [o.score for o in question.options]
    assert scores[0] == 0
    assert max(scores) == MAX_ITEM_SCORE
    assert scores == sorted(scores)
    assert all(o.label and len(o.label) <= 40 for o in question.options)


# --------------------------------------------------------------------------- score and bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "doing_okay"),
        (24, "doing_okay"),
        (25, "strained"),
        (49, "strained"),
        (50, "at_risk"),
        (100, "at_risk"),
    ],
)
def test_band_boundaries(score: int, band: str) -> None:
    assert band_for(score).id == band


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_0_to_100_has_no_band(score: int) -> None:
    with pytest.raises(CheckinAnswerError, match="outside 0-100"):
        band_for(score)


def test_bands_cover_0_to_100_in_order() -> None:
    bands = load_checkin().bands
    assert tuple(b.id for b in bands) == BANDS
    assert [b.label for b in bands] == ["Doing okay", "Strained", "At risk of burnout"]
    assert bands[0].min == 0
    assert bands[-1].max == 100
    assert all(b.sources for b in bands)


@pytest.mark.parametrize(
    ("scores", "expected_score", "band"),
    [
        ((0, 0, 0, 0, 0, 0), 0, "doing_okay"),
        ((1, 1, 1, 1, 1, 0), 21, "doing_okay"),  # 5 of 24
        ((1, 1, 1, 1, 1, 1), 25, "strained"),  # 6 of 24: the first strained score
        ((2, 2, 2, 2, 2, 1), 46, "strained"),  # 11 of 24
        ((2, 2, 2, 2, 2, 2), 50, "at_risk"),  # 12 of 24: "sometimes" on every item
        ((4, 4, 4, 4, 4, 4), 100, "at_risk"),
    ],
)
def test_burnout_score_and_band_from_answers(
    scores: tuple[int, ...], expected_score: int, band: str
) -> None:
    result = evaluate(answers_scoring(*scores))
    assert result.score == expected_score
    assert result.band == band
    assert result.band_text == load_checkin().band(band).text
    assert result.band_label == load_checkin().band(band).label
    assert result.complete
    assert not result.supporter_crisis
    assert not result.unsafe_at_home
    assert not result.act_now


def test_the_safety_questions_stay_out_of_the_burnout_score() -> None:
    calm = answers_scoring(0, 0, 0, 0, 0, 0)
    assert evaluate({**calm, "safe_at_home": "tense"}).score == 0
    assert evaluate({**calm, "self_harm": "not_at_all", "safe_at_home": "safe"}).score == 0


def test_skipped_questions_score_on_the_rest_and_mark_the_result_incomplete() -> None:
    result = evaluate(answers_scoring(4, 4, 0))
    assert result.score == 67  # 8 of 12
    assert not result.complete
    assert evaluate({}).score == 0
    assert evaluate({"stress": None, "sleep": ""}).score == 0


@pytest.mark.parametrize("question_id", SCORED)
def test_a_hard_answer_brings_that_questions_suggestion(question_id: str) -> None:
    question = load_checkin().question(question_id)
    high = next(o.id for o in question.options if o.score == load_checkin().high_at)
    low = next(o.id for o in question.options if o.score == load_checkin().high_at - 1)

    assert question_id in [s.id for s in evaluate({question_id: high}).suggestions]
    assert question_id not in [s.id for s in evaluate({question_id: low}).suggestions]


def test_at_risk_adds_support_to_reach_out_for_after_the_item_suggestions() -> None:
    result = evaluate(answers_scoring(4, 3, 2, 2, 2, 2))
    ids = [s.id for s in result.suggestions]
    assert ids[:2] == ["stress", "sleep"]  # hardest first
    assert {"talk_to_gp", "support_group", "counsellor"} <= set(ids[2:])
    assert "crisis_line" not in ids
    assert len(ids) == len(set(ids))


def test_doing_okay_brings_no_outreach() -> None:
    ids = {s.id for s in evaluate(answers_scoring(1, 1, 0, 0, 0, 0)).suggestions}
    assert not ids & {"talk_to_gp", "counsellor", "crisis_line"}


# --------------------------------------------------------------------------- safety flags


@pytest.mark.parametrize(
    ("answer", "crisis", "act_now"),
    [
        ("not_at_all", False, False),
        ("once_or_twice", True, False),
        ("several_days", True, False),
        ("most_days", True, False),
        ("unsafe_now", True, True),
    ],
)
def test_thoughts_of_self_harm_set_supporter_crisis(
    answer: str, crisis: bool, act_now: bool
) -> None:
    # A calm week otherwise: the flag must not depend on the burnout score.
    result = evaluate({**answers_scoring(0, 0, 0, 0, 0, 0), "self_harm": answer})
    assert result.supporter_crisis is crisis
    assert result.act_now is act_now
    assert not result.unsafe_at_home
    if crisis:
        assert result.suggestions[0].id == "crisis_line"
        assert result.band == "at_risk"  # never "doing okay" next to a crisis answer
        assert "emergency" in result.suggestions[0].text
    else:
        assert result.band == "doing_okay"
        assert "crisis_line" not in [s.id for s in result.suggestions]


@pytest.mark.parametrize(
    ("answer", "unsafe", "act_now", "band"),
    [
        ("safe", False, False, "doing_okay"),
        ("tense", False, False, "doing_okay"),
        ("sometimes_afraid", True, False, "strained"),
        ("often_afraid", True, False, "at_risk"),
        ("danger_now", True, True, "at_risk"),
    ],
)
def test_feeling_unsafe_at_home_sets_unsafe_at_home(
    answer: str, unsafe: bool, act_now: bool, band: str
) -> None:
    result = evaluate({**answers_scoring(0, 0, 0, 0, 0, 0), "safe_at_home": answer})
    assert result.unsafe_at_home is unsafe
    assert result.act_now is act_now
    assert not result.supporter_crisis
    assert result.band == band
    assert ("safety_at_home" in [s.id for s in result.suggestions]) is unsafe


def test_both_flags_lead_with_the_crisis_line_then_safety_at_home() -> None:
    result = evaluate({"self_harm": "several_days", "safe_at_home": "often_afraid"})
    assert result.supporter_crisis
    assert result.unsafe_at_home
    assert [s.id for s in result.suggestions[:2]] == ["crisis_line", "safety_at_home"]


def test_a_band_floor_never_lowers_the_band() -> None:
    result = evaluate({**answers_scoring(4, 4, 4, 4, 4, 4), "safe_at_home": "sometimes_afraid"})
    assert result.band == "at_risk"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"mood": "fine"}, r"unknown question 'mood'"),
        ({"stress": "extreme"}, r"unknown option 'extreme' for question 'stress'"),
        ({"stress": 3}, r"answer must be an option id"),
    ],
)
def test_bad_answers_raise(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(CheckinAnswerError, match=message):
        evaluate(answers)


def test_results_are_frozen() -> None:
    result = evaluate(answers_scoring(1, 1, 1, 1, 1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.band = "doing_okay"  # type: ignore[misc]


# --------------------------------------------------------------------------- sustained decline


@pytest.mark.parametrize(
    ("history", "declining"),
    [
        ([], False),
        ([10], False),
        ([80], False),  # one hard week is not a decline
        ([50, 60], True),  # at risk twice running
        ([49, 80], False),
        ([80, 20, 90], False),  # at risk, then not, then at risk: not running
        ([20, 55, 60], True),
        ([10, 20, 30, 40], True),  # three in a row worse than the one before them
        ([10, 18, 18, 18], True),  # each at least 8 points worse than the start
        ([10, 17, 30, 40], False),  # one of them only 7 points worse
        ([10, 20, 30], False),  # only two after the start
        ([40, 30, 20, 10], False),  # improving
        ([10, 20, 30, 40, 20], False),  # judged on the latest check-ins
        ([0, 0, 0, 0, 10, 20, 30], True),
        ([30, 45, 40, 42], True),  # still each worse than 30
        ([30, 45, 40, 37], False),
    ],
)
def test_sustained_decline(history: list[int], declining: bool) -> None:
    assert sustained_decline(history) is declining


@pytest.mark.parametrize("history", [[101], [-1], [True], ["5"], [5.0], [10, None]])
def test_sustained_decline_rejects_what_is_not_a_score(history: list[Any]) -> None:
    with pytest.raises(CheckinAnswerError, match="is not a score from 0 to 100"):
        sustained_decline(history)


def test_decline_support_is_concrete_and_cited() -> None:
    support = decline_support()
    ids = [s.id for s in support]
    assert {"talk_to_gp", "support_group", "counsellor"} <= set(ids)
    assert "crisis_line" not in ids
    assert "safety_at_home" not in ids
    articles = load_articles()
    for item in support:
        assert item.sources
        assert item.text
        assert item.title
        assert item.article in articles


def test_decline_support_leads_with_a_crisis_line_for_thoughts_of_self_harm() -> None:
    ids = [s.id for s in decline_support(supporter_crisis=True)]
    assert ids[0] == "crisis_line"
    assert ids.count("crisis_line") == 1
    both = [s.id for s in decline_support(supporter_crisis=True, unsafe_at_home=True)]
    assert both[:2] == ["crisis_line", "safety_at_home"]


# --------------------------------------------------------------------------- plan and content


def test_plan_prompts_cover_the_self_care_plan() -> None:
    prompts = plan_prompts()
    ids = [p.id for p in prompts]
    assert {"restores_me", "who_i_can_talk_to", "support_group_to_try"} <= set(ids)
    for prompt in prompts:
        assert prompt.prompt.endswith("?")
        assert prompt.examples
        assert prompt.sources
    group = next(p for p in prompts if p.id == "support_group_to_try")
    assert group.article == "support-groups-for-supporters"


def every_suggestion() -> Iterator[Any]:
    checkin = load_checkin()
    yield from (q.suggestion for q in checkin.questions if q.suggestion is not None)
    yield from checkin.support


def test_every_article_slug_exists() -> None:
    articles = load_articles()
    checkin = load_checkin()
    slugs = {s.article for s in every_suggestion()}
    slugs |= {p.article for p in checkin.plan_prompts if p.article}
    assert slugs <= set(articles)


def test_everything_shown_is_cited() -> None:
    checkin = load_checkin()
    assert checkin.score_sources
    assert {"zarit_1980", "maslach_1981"} <= {s.key for s in checkin.score_sources}
    for item in every_suggestion():
        assert item.sources, item.id
        assert all(src.url == "" or src.url.startswith("https://") for src in item.sources)


def checkin_texts() -> Iterator[str]:
    checkin = load_checkin()
    yield checkin.intro
    for q in checkin.questions:
        yield q.text
        if q.help:
            yield q.help
    for item in every_suggestion():
        yield item.text
    for band in checkin.bands:
        yield band.text
    for p in checkin.plan_prompts:
        yield p.prompt
        yield p.help


def test_wording_is_plain() -> None:
    grades = [fk_grade(text) for text in checkin_texts()]
    assert statistics.median(grades) <= 8
    assert max(grades) <= 10


def test_no_banned_wording_anywhere_in_the_file() -> None:
    raw = yaml.safe_load(CHECKIN_FILE.read_text(encoding="utf-8"))
    found = {path: banned_phrase_in(text) for path, text in iter_strings(raw, "")}
    assert not {path: phrase for path, phrase in found.items() if phrase}
    assert "committed suicide" not in CHECKIN_FILE.read_text(encoding="utf-8").lower()


def test_it_is_a_self_check_not_a_diagnosis() -> None:
    assert "not a diagnosis" in load_checkin().intro
    words = " ".join(checkin_texts()).lower()
    assert "you have burnout" not in words
    assert "diagnosed" not in words


def test_load_is_cached() -> None:
    assert load_checkin() is load_checkin()


# --------------------------------------------------------------------------- strict loading


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(CHECKIN_FILE.read_text(encoding="utf-8")))


def question_named(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == question_id)


def band_named(raw: dict[str, Any], band_id: str) -> dict[str, Any]:
    return next(b for b in raw["bands"] if b["id"] == band_id)


def support_named(raw: dict[str, Any], support_id: str) -> dict[str, Any]:
    return next(s for s in raw["support"] if s["id"] == support_id)


def drop_flag(raw: dict[str, Any], flag: str) -> None:
    for question in raw["questions"]:
        for option in question["options"]:
            if flag in option.get("flags", []):
                option["flags"].remove(flag)


Mutation = Callable[[dict[str, Any]], object]

BROKEN = [
    pytest.param(
        lambda r: band_named(r, "strained").update(min=26),
        r"checkin\.yaml: band 'strained': must start at 25 .*no gaps",
        id="band-gap",
    ),
    pytest.param(
        lambda r: band_named(r, "at_risk").update(max=90),
        r"band 'at_risk': the last band must end at 100",
        id="band-short-of-100",
    ),
    pytest.param(
        lambda r: r["bands"].reverse(),
        r"bands: must be exactly doing_okay, strained, at_risk, in that order",
        id="bands-out-of-order",
    ),
    pytest.param(
        lambda r: band_named(r, "strained").update(id="meh"),
        r"bands\[1\]: id 'meh' is not one of",
        id="unknown-band",
    ),
    pytest.param(
        lambda r: question_named(r, "sleep")["options"][4].update(score=5),
        r"question 'sleep': option 'hardly': score must be a whole number from 0 to 4",
        id="score-above-4",
    ),
    pytest.param(
        lambda r: question_named(r, "sleep")["options"].reverse(),
        r"question 'sleep': options must run from a score of 0 to 4",
        id="options-reversed",
    ),
    pytest.param(
        lambda r: question_named(r, "sleep")["options"][1].update(score=3),
        r"question 'sleep': options must be in order",
        id="options-out-of-order",
    ),
    pytest.param(
        lambda r: question_named(r, "self_harm")["options"][1].update(flags=["crisis"]),
        r"question 'self_harm': option 'once_or_twice': flags must be a list from",
        id="unknown-flag",
    ),
    pytest.param(
        lambda r: question_named(r, "self_harm")["options"][1].update(band_floor="awful"),
        r"option 'once_or_twice': band_floor 'awful' is not one of",
        id="unknown-band-floor",
    ),
    pytest.param(
        lambda r: question_named(r, "self_harm")["options"][0].update(flags=["supporter_crisis"]),
        r"option 'not_at_all': an option scored 0 cannot carry flags",
        id="flag-on-a-fine-answer",
    ),
    pytest.param(
        lambda r: drop_flag(r, "supporter_crisis"),
        r"questions: no option sets supporter_crisis; the safety questions are required",
        id="self-harm-question-lost",
    ),
    pytest.param(
        lambda r: r.update(questions=[q for q in r["questions"] if q["id"] != "safe_at_home"]),
        r"no option sets unsafe_at_home",
        id="safe-at-home-question-lost",
    ),
    pytest.param(
        lambda r: question_named(r, "hope").pop("suggestion"),
        r"question 'hope': an in_score question needs a suggestion",
        id="scored-question-without-suggestion",
    ),
    pytest.param(
        lambda r: question_named(r, "hope").update(in_score="yes"),
        r"question 'hope': in_score must be true or false",
        id="in-score-as-text",
    ),
    pytest.param(
        lambda r: question_named(r, "hope")["suggestion"].update(article="hope-101"),
        r"question 'hope': suggestion: article 'hope-101' does not exist",
        id="unknown-article",
    ),
    pytest.param(
        lambda r: question_named(r, "hope")["suggestion"].update(sources=["blog"]),
        r"question 'hope': suggestion: unknown source 'blog'",
        id="unknown-source",
    ),
    pytest.param(
        lambda r: support_named(r, "counsellor").update(show_for=["someday"]),
        r"support 'counsellor': show_for 'someday' is not one of",
        id="unknown-show-for",
    ),
    pytest.param(
        lambda r: r.update(support=[s for s in r["support"] if s["id"] != "crisis_line"]),
        r"support: nothing is shown for 'supporter_crisis'",
        id="no-crisis-support",
    ),
    pytest.param(
        lambda r: [
            s.update(show_for=[w for w in s["show_for"] if w != "decline"] or ["at_risk"])
            for s in r["support"]
        ],
        r"support: nothing is shown for 'decline'",
        id="no-decline-support",
    ),
    pytest.param(
        lambda r: r["decline"].update(rising_run=1),
        r"decline: rising_run must be a whole number from 2 to 8",
        id="decline-rule-out-of-range",
    ),
    pytest.param(
        lambda r: r["questions"].extend(copy.deepcopy(r["questions"][:1])),
        r"question id 'stress' is used twice",
        id="duplicate-question",
    ),
    pytest.param(
        lambda r: r.update(questions=r["questions"][:1] + r["questions"][6:]),
        r"questions: has 3; keep it to 6-8",
        id="too-few-questions",
    ),
    pytest.param(
        lambda r: question_named(r, "stress")["options"][0].update(id=False),
        r"question 'stress': options\[0\]: id False must be snake_case text \(quote it",
        id="yaml-no-became-a-boolean",
    ),
    pytest.param(
        lambda r: support_named(r, "crisis_line").update(
            text="Someone you know may have committed suicide."
        ),
        r"support\[\d+\]\.text: uses 'committed suicide'",
        id="committed-suicide",
    ),
    pytest.param(
        lambda r: r["plan_prompts"][0].pop("examples"),
        r"plan prompt 'restores_me': examples must be a non-empty list",
        id="prompt-without-examples",
    ),
    pytest.param(
        lambda r: r.update(colour="blue"),
        r"checkin\.yaml: unknown field\(s\): colour",
        id="unknown-top-field",
    ),
    pytest.param(
        lambda r: r.pop("reviewed"),
        r"checkin\.yaml: reviewed must be a date",
        id="no-review-date",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_files_fail_loudly_naming_file_and_item(
    tmp_path: Path, raw: dict[str, Any], mutate: Mutation, message: str
) -> None:
    mutate(raw)
    path = tmp_path / "checkin.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")

    with pytest.raises(CheckinDataError, match=message):
        load_checkin(path)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "checkin.yaml"
    path.write_text("bands:\n  - id: [doing_okay\n", encoding="utf-8")
    with pytest.raises(CheckinDataError, match=r"checkin\.yaml: not valid YAML"):
        load_checkin(path)


def test_an_untouched_copy_loads(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "checkin.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    assert [q.id for q in load_checkin(path).questions] == SCORED + SAFETY
