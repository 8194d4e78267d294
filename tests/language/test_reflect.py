"""The reflection grader (porchlight.language.reflect), on replies written for these tests."""

from __future__ import annotations

import json

import numpy as np
import pytest

from porchlight.language import reflect

PROMPT = "I know I should get the vaccine, but the side effects scare me and my mum lives with me."
COMPLEX = "Part of you wants to keep your mum safe, and the side effects still worry you."
SIMPLE = "You are scared of the side effects."
QUESTION = "Have you talked to your doctor about it?"
ADVICE = "You should just get it, the vaccine is safe."


def test_artefact_loads_without_pickle_and_holds_only_numbers_and_words() -> None:
    with np.load(reflect.MODEL_PATH, allow_pickle=False) as npz:
        kinds = {name: npz[name].dtype.kind for name in npz.files}
        meta = json.loads(npz["meta"].tobytes().decode("utf-8"))

    assert "O" not in kinds.values()
    assert meta["kind"] == "reflect"
    assert meta["dense_names"] == list(reflect.DENSE_NAMES)
    assert isinstance(reflect.ReflectionGrader.load(), reflect.ReflectionGrader)


def test_grade_tells_a_complex_reflection_from_a_simple_one_and_a_question() -> None:
    grades = [reflect.grade(PROMPT, reply).quality for reply in (COMPLEX, SIMPLE, QUESTION)]

    assert grades == [2, 1, 0]


def test_grade_scores_a_complex_reflection_above_advice_and_a_question() -> None:
    complex_score = reflect.grade(PROMPT, COMPLEX).score

    assert complex_score > reflect.grade(PROMPT, ADVICE).score
    assert complex_score > reflect.grade(PROMPT, QUESTION).score


def test_grade_of_a_reply_opening_with_advice_is_poor_even_when_it_repeats_their_words() -> None:
    verdict = reflect.grade("I hate my job.", "You should quit your job.")

    assert verdict.quality == 0
    assert verdict.score <= reflect.ADVICE_LEAD_MAX_SCORE
    assert verdict.why.startswith("Not a reflection: it gives advice")


def test_grade_below_complex_says_how_to_make_it_complex() -> None:
    verdict = reflect.grade(PROMPT, SIMPLE)

    assert "To make it a complex reflection" in verdict.why


def test_grade_many_gives_the_same_verdicts_as_grade() -> None:
    pairs = [(PROMPT, COMPLEX), (PROMPT, SIMPLE), ("", QUESTION)]

    assert reflect.grade_many(pairs) == [reflect.grade(p, r) for p, r in pairs]


@pytest.mark.parametrize("reply", ["", "   \n\t "])
def test_grade_of_an_empty_reply_asks_for_one(reply: str) -> None:
    assert reflect.grade(PROMPT, reply) == reflect.EMPTY_REPLY


def test_grade_of_emoji_only_says_there_are_no_words() -> None:
    assert reflect.grade(PROMPT, "\U0001f642\U0001f642\U0001f622") == reflect.NO_WORDS


def test_grade_of_words_with_emoji_grades_the_words() -> None:
    with_emoji = reflect.grade(PROMPT, "You are scared \U0001f61f of the side effects.")

    assert with_emoji.quality == reflect.grade(PROMPT, SIMPLE).quality
    assert with_emoji.note is None


@pytest.mark.parametrize(
    "reply",
    [
        "Tu as peur des effets secondaires et tu veux prot\u00e9ger ta m\u00e8re.",
        "Ich habe Angst vor den Nebenwirkungen und will meine Mutter sch\u00fctzen.",
        "\u4f60\u62c5\u5fc3\u526f\u4f5c\u7528\u3002",
    ],
)
def test_grade_of_another_language_says_it_was_not_graded(reply: str) -> None:
    assert reflect.grade(PROMPT, reply) == reflect.NOT_ENGLISH


def test_grade_with_a_prompt_in_another_language_grades_the_reply_with_a_note() -> None:
    verdict = reflect.grade("Je ne veux pas le vaccin pour mes enfants.", SIMPLE)

    assert verdict.note == reflect.NOT_ENGLISH_NOTE
    assert verdict.why.endswith(reflect.NOT_ENGLISH_NOTE)


def test_grade_without_a_prompt_grades_the_reply_with_a_note() -> None:
    verdict = reflect.grade("", COMPLEX)

    assert verdict.note == reflect.EMPTY_PROMPT_NOTE


def test_grade_ignores_html_tags() -> None:
    tagged = reflect.grade(PROMPT, "<p>You are <b>scared</b> of the side effects.</p>")

    assert tagged == reflect.grade(PROMPT, SIMPLE)


def test_grade_of_a_20000_character_reply_is_a_verdict() -> None:
    verdict = reflect.grade(PROMPT * 200, (SIMPLE + " ") * 560)

    assert verdict.quality in reflect.QUALITIES
    assert 0.0 <= verdict.score <= 2.0
    assert verdict.why


def test_grade_rejects_what_is_not_text() -> None:
    with pytest.raises(TypeError):
        reflect.grade(PROMPT, None)  # type: ignore[arg-type]
