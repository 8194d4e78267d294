"""The support-vs-enabling check: every question has a case, and the engine and loader behave.

CAUTION is the contract: one entry per question id in content/boundaries/enabling_check.yaml
with whether its boundary asks "Is it safe for you?" first. A question added to the YAML
without an entry here fails ``test_the_table_names_every_question``.
"""

from __future__ import annotations

import copy
import dataclasses
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from porchlight.boundaries.engine import (
    ENABLING_FILE,
    THREAT_PHRASES,
    BoundarySuggestion,
    EnablingAnswerError,
    EnablingDataError,
    Pattern,
    evaluate,
    load_enabling,
    questions,
    safety_check,
)
from porchlight.content.library import load_articles
from porchlight.content.questionnaire import Source
from porchlight.content.reader import ContentDataError
from porchlight.content.wording import banned_phrase_in, iter_strings
from porchlight.language.roadblocks import find_roadblocks
from porchlight.language.sentences import split_sentences
from tests.readability import fk_grade

#: question id -> does its boundary carry violence_caution (withdraws a reward, lets a
#: consequence land, or touches fear of their anger)?
CAUTION: dict[str, bool] = {
    "shield_consequences": True,
    "pay_for_problem": True,
    "cash_may_fund_use": True,
    "cover_at_work": True,
    "excuses_to_others": False,
    "clean_up_after": True,
    "doing_what_they_can": False,
    "walking_on_eggshells": True,
    "join_in_use": True,
    "own_life_on_hold": False,
    "checking_and_controlling": False,
}
QUESTION_IDS = list(CAUTION)
#: Sources the brief asks the suggestions to draw on (CRAFT, SAMHSA, Al-Anon, NAMI).
CORE_SOURCES = {
    "smith_meyers_2004",
    "meyers_wolfe_2004",
    "samhsa_tip39",
    "alanon_detachment",
    "nami_circle_of_care",
}


def all_answered(option: str) -> dict[str, str]:
    return dict.fromkeys(QUESTION_IDS, option)


# --------------------------------------------------------------------------- the table


def test_the_table_names_every_question() -> None:
    assert [q.id for q in questions()] == QUESTION_IDS


def test_the_check_has_8_to_12_questions_on_a_four_point_scale() -> None:
    check = load_enabling()
    assert 8 <= len(check.questions) <= 12
    assert [o.id for o in check.scale] == ["often", "sometimes", "rarely", "never"]
    assert [o.id for o in check.scale if o.suggest] == ["often", "sometimes"]


@pytest.mark.parametrize("question_id", QUESTION_IDS)
@pytest.mark.parametrize("answer", ["often", "sometimes"])
def test_each_questions_suggestion_appears_when_answered_often_or_sometimes(
    question_id: str, answer: str
) -> None:
    result = evaluate({question_id: answer})

    assert [s.question_id for s in result.suggestions] == [question_id]
    assert [p.question_id for p in result.patterns] == [question_id]
    assert result.suggestions[0] is load_enabling().question(question_id).suggestion


@pytest.mark.parametrize("question_id", QUESTION_IDS)
@pytest.mark.parametrize("answer", ["rarely", "never"])
def test_rarely_or_never_suggests_nothing(question_id: str, answer: str) -> None:
    result = evaluate({question_id: answer})
    assert result.suggestions == ()
    assert result.patterns == ()


def test_all_never_gives_no_patterns_no_suggestions_and_a_zero_score() -> None:
    result = evaluate(all_answered("never"))
    assert result.patterns == ()
    assert result.suggestions == ()
    assert result.score == 0
    assert not result.needs_safety_check


def test_all_often_gives_every_suggestion_in_file_order_and_a_full_score() -> None:
    result = evaluate(all_answered("often"))
    assert [s.question_id for s in result.suggestions] == QUESTION_IDS
    assert result.score == 100
    assert result.needs_safety_check


@pytest.mark.parametrize(("question_id", "caution"), CAUTION.items())
def test_violence_caution_flags(question_id: str, caution: bool) -> None:
    (suggestion,) = evaluate({question_id: "often"}).suggestions
    assert suggestion.violence_caution is caution
    assert evaluate({question_id: "often"}).needs_safety_check is caution


def test_a_mix_of_cautions_needs_the_safety_check_once_any_is_flagged() -> None:
    assert not evaluate(
        {"own_life_on_hold": "often", "excuses_to_others": "often"}
    ).needs_safety_check
    assert evaluate(
        {"own_life_on_hold": "often", "pay_for_problem": "sometimes"}
    ).needs_safety_check


def test_often_comes_before_sometimes_then_file_order() -> None:
    result = evaluate(
        {
            "shield_consequences": "sometimes",
            "cover_at_work": "often",
            "pay_for_problem": "sometimes",
            "join_in_use": "often",
            "own_life_on_hold": "rarely",
        }
    )
    assert [p.question_id for p in result.patterns] == [
        "cover_at_work",
        "join_in_use",
        "shield_consequences",
        "pay_for_problem",
    ]


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ({}, 0),
        ({"pay_for_problem": "never"}, 0),
        ({"pay_for_problem": "rarely"}, 33),
        ({"pay_for_problem": "sometimes"}, 67),
        ({"pay_for_problem": "often"}, 100),
        ({"pay_for_problem": "often", "join_in_use": "never"}, 50),
        ({"pay_for_problem": "sometimes", "cover_at_work": "often", "join_in_use": "rarely"}, 67),
    ],
)
def test_score_is_weight_over_the_most_it_could_be(answers: dict[str, str], score: int) -> None:
    assert evaluate(answers).score == score


def test_unanswered_none_and_blank_count_as_no_answer() -> None:
    result = evaluate({"pay_for_problem": None, "cover_at_work": "", "join_in_use": "often"})
    assert [p.question_id for p in result.patterns] == ["join_in_use"]
    assert result.score == 100


def test_a_pattern_is_a_tuple_of_question_id_title_and_explanation() -> None:
    (pattern,) = evaluate({"cash_may_fund_use": "often"}).patterns
    question_id, title, explanation = pattern
    assert isinstance(pattern, Pattern)
    assert question_id == "cash_may_fund_use"
    assert title == "Giving money that may fund use"
    assert explanation


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"paying": "often"}, r"unknown question 'paying'"),
        ({"pay_for_problem": "always"}, r"unknown option 'always' for question 'pay_for_problem'"),
        ({"pay_for_problem": ["often"]}, r"answer must be an option id"),
        ({"pay_for_problem": True}, r"answer must be an option id"),
    ],
)
def test_bad_answers_raise(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(EnablingAnswerError, match=message):
        evaluate(answers)


def test_results_and_content_are_frozen() -> None:
    result = evaluate({"pay_for_problem": "often"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.suggestions[0].why = "x"  # type: ignore[misc]


def test_load_is_cached() -> None:
    assert load_enabling() is load_enabling()


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_each_suggestion_is_a_whole_boundary(question_id: str) -> None:
    s = load_enabling().question(question_id).suggestion
    assert s.will_do.startswith(("I will ", "I'll "))
    assert s.wont_do.startswith(("I won't ", "I will not ", "I will no longer "))
    assert s.why
    assert s.if_crossed
    assert s.how_to_say
    assert s.title == load_enabling().question(question_id).title


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_each_suggestion_cites_sources_and_links_an_existing_article(question_id: str) -> None:
    s = load_enabling().question(question_id).suggestion
    assert s.sources
    assert {source.key for source in s.sources} & CORE_SOURCES
    assert all(src.url == "" or src.url.startswith("https://") for src in s.sources)
    assert s.article in load_articles()


def test_every_article_slug_exists() -> None:
    articles = load_articles()
    check = load_enabling()
    slugs = {q.suggestion.article for q in check.questions} | {check.safety_check.article}
    assert slugs <= set(articles)
    assert {"support-vs-enabling", "boundaries-that-hold", "love-from-a-distance", "craft"} <= slugs


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_how_to_say_is_a_kind_i_statement_with_no_roadblock(question_id: str) -> None:
    how = load_enabling().question(question_id).suggestion.how_to_say
    assert any(span.text.startswith("I") for span in split_sentences(how))
    lowered = how.lower()
    assert not [phrase for phrase in THREAT_PHRASES if phrase in lowered]
    # The coach's curated patterns (the stable part of its check) find no roadblock.
    flagged = {
        span.text: [r.name for r in find_roadblocks(span.text, learned=False)]
        for span in split_sentences(how)
    }
    assert not any(flagged.values()), flagged


def test_the_safety_check_asks_if_it_is_safe_and_names_emergency_help() -> None:
    check = safety_check()
    assert "safe" in check.question.lower()
    assert "emergency" in check.text.lower()
    assert "ndvh_safety" in {s.key for s in check.sources}
    assert check.article in load_articles()


def enabling_texts() -> Iterator[str]:
    check = load_enabling()
    yield check.intro
    yield check.safety_check.text
    for q in check.questions:
        s = q.suggestion
        yield from (q.text, q.explanation, s.will_do, s.wont_do, s.why, s.if_crossed, s.how_to_say)


def test_wording_is_plain() -> None:
    grades = [fk_grade(text) for text in enabling_texts()]
    assert statistics.median(grades) <= 8
    assert max(grades) <= 10


def test_no_banned_wording_anywhere_in_the_file() -> None:
    raw = yaml.safe_load(ENABLING_FILE.read_text(encoding="utf-8"))
    found = {path: banned_phrase_in(text) for path, text in iter_strings(raw, "")}
    assert not {path: phrase for path, phrase in found.items() if phrase}
    assert "committed suicide" not in ENABLING_FILE.read_text(encoding="utf-8").lower()


def test_sources_are_typed() -> None:
    check = load_enabling()
    assert all(isinstance(s, Source) for s in check.sources)
    assert all(isinstance(q.suggestion, BoundarySuggestion) for q in check.questions)


# --------------------------------------------------------------------------- strict loading


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(ENABLING_FILE.read_text(encoding="utf-8")))


def question_named(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == question_id)


def suggestion_of(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return question_named(raw, question_id)["suggestion"]


Mutation = Callable[[dict[str, Any]], object]

BROKEN = [
    pytest.param(
        lambda r: question_named(r, "pay_for_problem").pop("suggestion"),
        r"enabling_check\.yaml: question 'pay_for_problem': has no suggestion",
        id="question-without-suggestion",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "cover_at_work").update(sources=["wikipedia"]),
        r"question 'cover_at_work': suggestion: unknown source 'wikipedia'",
        id="unknown-source",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "cover_at_work").pop("sources"),
        r"question 'cover_at_work': suggestion: sources must be a non-empty list",
        id="suggestion-without-sources",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "join_in_use").update(article="enabling-101"),
        r"question 'join_in_use': suggestion: article 'enabling-101' does not exist",
        id="unknown-article",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "join_in_use").update(article="CRAFT Basics"),
        r"question 'join_in_use': suggestion: article 'CRAFT Basics' must be an article slug",
        id="malformed-article",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "clean_up_after").pop("violence_caution"),
        r"question 'clean_up_after': suggestion: violence_caution must be true or false",
        id="missing-violence-caution",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "clean_up_after").update(violence_caution="yes"),
        r"question 'clean_up_after': suggestion: violence_caution must be true or false",
        id="violence-caution-as-text",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(
            how_to_say="Stop asking for money, or else I'm done."
        ),
        r"question 'pay_for_problem': suggestion: how_to_say uses 'or else'",
        id="threat-or-else",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(
            how_to_say="This is your last chance. I mean it."
        ),
        r"how_to_say uses 'last chance'",
        id="ultimatum",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(how_to_say="Money is tight now."),
        r"question 'pay_for_problem': suggestion: how_to_say must be an 'I' statement",
        id="not-an-i-statement",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(will_do="Pay the rent."),
        'question \'pay_for_problem\': suggestion: will_do must start with "I will" or "I\'ll"',
        id="will-do-not-about-me",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(wont_do="No more debts."),
        r"wont_do must start with",
        id="wont-do-not-about-me",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(why="Debts are bad."),
        r"question 'pay_for_problem': suggestion: why must say what matters to me",
        id="why-not-my-value",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(if_crossed="Say no."),
        r'if_crossed must start with "If" or "When"',
        id="if-crossed-shape",
    ),
    pytest.param(
        lambda r: suggestion_of(r, "pay_for_problem").update(mood="calm"),
        r"question 'pay_for_problem': suggestion: unknown field\(s\): mood",
        id="unknown-field",
    ),
    pytest.param(
        lambda r: r["questions"].append(copy.deepcopy(question_named(r, "join_in_use"))),
        r"question id 'join_in_use' is used twice",
        id="duplicate-question",
    ),
    pytest.param(
        lambda r: r["scale"][0].update(id=True),
        r"scale\[0\]: id True must be snake_case text \(quote it",
        id="yaml-yes-became-a-boolean",
    ),
    pytest.param(
        lambda r: r["scale"][3].update(suggest=True),
        r"scale: every suggest: true option must weigh more",
        id="never-suggests",
    ),
    pytest.param(
        lambda r: r.update(questions=r["questions"][:7]),
        r"questions: has 7 questions; keep the check to 8-12",
        id="too-few-questions",
    ),
    pytest.param(
        lambda r: r["sources"]["rotunda_2004"].update(url="http://doi.org/x"),
        r"source 'rotunda_2004': url must start with https://",
        id="insecure-url",
    ),
    pytest.param(
        lambda r: question_named(r, "walking_on_eggshells").update(
            explanation="A friend of mine committed suicide."
        ),
        r"questions\[\d+\]\.explanation: uses 'committed suicide'",
        id="committed-suicide",
    ),
    pytest.param(
        lambda r: question_named(r, "join_in_use").update(text="Is your partner an addict?"),
        r"uses 'addict'",
        id="stigmatizing-label",
    ),
    pytest.param(
        lambda r: r["safety_check"].pop("sources"),
        r"safety_check: sources must be a non-empty list",
        id="safety-check-without-sources",
    ),
    pytest.param(
        lambda r: r.pop("reviewed"),
        r"enabling_check\.yaml: reviewed must be a date",
        id="no-review-date",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_files_fail_loudly_naming_file_and_item(
    tmp_path: Path, raw: dict[str, Any], mutate: Mutation, message: str
) -> None:
    mutate(raw)
    path = tmp_path / "enabling_check.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")

    with pytest.raises(EnablingDataError, match=message):
        load_enabling(path)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "enabling_check.yaml"
    path.write_text("questions: [unclosed\n", encoding="utf-8")
    with pytest.raises(EnablingDataError, match=r"enabling_check\.yaml: not valid YAML"):
        load_enabling(path)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(EnablingDataError, match=r"gone\.yaml: cannot be read"):
        load_enabling(tmp_path / "gone.yaml")


def test_data_errors_are_value_errors() -> None:
    assert issubclass(EnablingDataError, ContentDataError)
    assert issubclass(EnablingDataError, ValueError)


def test_an_untouched_copy_loads(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "enabling_check.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    assert [q.id for q in load_enabling(path).questions] == QUESTION_IDS


def test_the_engines_are_plain_python_without_django() -> None:
    code = (
        "import sys\n"
        "import porchlight.selfcare.engine, porchlight.boundaries.engine\n"
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
