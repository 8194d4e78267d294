"""The whole-message coach: contract, summaries, suggestions and bad input."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porchlight.language import cli, coach
from porchlight.language.cli import format_report
from porchlight.language.coach import analyse_message, to_json
from porchlight.language.labels import LABEL_NAMES
from porchlight.language.roadblocks import ROADBLOCK_NAMES

BEHAVIOURS = {"question", "reflection", "therapist_input", "other"}


def check_contract(out: dict, ident) -> None:
    assert list(out) == ["id", "behaviour", "labels", "roadblocks", "suggestions"]
    assert out["id"] == ident
    assert out["behaviour"] in BEHAVIOURS
    assert set(out["labels"]) <= set(LABEL_NAMES)
    assert set(out["roadblocks"]) <= set(ROADBLOCK_NAMES)
    assert all(isinstance(s, str) and s for s in out["suggestions"])
    assert len(out["suggestions"]) <= 3
    json.dumps(out)


def test_to_json_follows_the_design_contract():
    out = to_json(analyse_message("You have to stop drinking."), "m1")
    check_contract(out, "m1")
    assert out["roadblocks"] == ["ordering"]
    assert out["behaviour"] == "therapist_input"
    assert 2 <= len(out["suggestions"]) <= 3


def test_suggestions_keep_what_was_asked_for():
    out = to_json(analyse_message("You need to stop drinking."), 1)
    assert any("stop drinking" in s for s in out["suggestions"])
    assert not any("need to" in s.lower() for s in out["suggestions"])


def test_clean_message_has_no_roadblocks_or_suggestions():
    out = to_json(analyse_message("I'm worried about you. How are you feeling?"), "x")
    assert out["roadblocks"] == []
    assert out["suggestions"] == []
    assert {"i_statement", "open_question"} <= set(out["labels"])


def test_message_behaviour_reads_the_whole_message():
    result = analyse_message("Hi. How have things been at work lately?")
    assert result.sentences[0].behaviour == "other"
    assert result.message_model_behaviour == "question"
    assert to_json(result)["behaviour"] == "question"


def test_message_behaviour_of_an_empty_message_is_other():
    result = analyse_message("  \n ")
    assert to_json(result)["behaviour"] == "other"
    assert result.message_behaviour_rule is None


def test_message_probabilities_cover_the_four_behaviours():
    probs = analyse_message("You feel stuck. Part of you wants to stop.").message_probabilities
    assert set(probs) == {"question", "reflection", "therapist_input", "other"}
    assert abs(sum(probs.values()) - 1.0) < 1e-3


def test_a_judging_one_sentence_message_is_not_a_reflection():
    result = analyse_message("You're an alcoholic and you know it.")
    assert result.message_model_behaviour == "reflection"
    assert result.message_behaviour_rule == "a roadblock is not a reflection"
    assert to_json(result)["behaviour"] == "therapist_input"


def test_an_i_statement_message_is_not_a_reflection():
    result = analyse_message("I'm worried about you.")
    assert result.message_model_behaviour == "reflection"
    assert to_json(result)["behaviour"] == "other"


def test_a_reflection_message_stays_a_reflection():
    result = analyse_message("It sounds like you are exhausted.")
    assert result.message_behaviour_rule is None
    assert to_json(result)["behaviour"] == "reflection"


def test_a_question_mark_makes_a_question():
    result = analyse_message("Is everything okay with you and Sam?")
    assert result.sentences[0].behaviour == "question"
    assert result.sentences[0].question_type == "closed"


def test_a_roadblock_is_never_called_a_reflection():
    s = analyse_message("You're an alcoholic and you know it.").sentences[0]
    assert s.behaviour != "reflection"


@pytest.mark.parametrize("text", ["I'm worried about you.", "I want to help."])
def test_an_i_statement_is_not_called_a_reflection(text):
    s = analyse_message(text).sentences[0]
    assert "i_statement" in s.labels
    assert s.behaviour != "reflection"
    assert s.reflection_type is None


def test_a_real_reflection_stays_a_reflection():
    s = analyse_message("It sounds like you're exhausted.").sentences[0]
    assert s.behaviour == "reflection"


def test_miti_summary_counts_questions_and_reflections():
    result = analyse_message(
        "It sounds like you're exhausted. What would help? Do you want tea? Are you cold?"
    )
    m = result.summary
    assert m.reflections == 1
    assert m.questions == 3
    assert m.open_questions == 1
    assert m.percent_open_questions == pytest.approx(33.3, abs=0.1)
    assert m.reflection_to_question_ratio == pytest.approx(0.33, abs=0.01)


def test_summary_counts_roadblocks():
    m = analyse_message("You always do this. You have to stop. You're lazy.").summary
    assert m.roadblocks["generalizing"] == 1
    assert m.roadblocks["ordering"] == 1
    assert m.mi_non_adherent == 3


def test_many_questions_and_no_reflection_earns_a_note():
    m = analyse_message("What happened? How did it start? What did they say?").summary
    assert any("interrogation" in note for note in m.notes)


def test_craft_check_has_five_parts_with_reasons():
    result = analyse_message(
        "I know I've been short with you lately. I'm worried about you. "
        "It sounds like work has been awful. I'm here if you want to talk."
    )
    checks = {c.key: c for c in result.craft}
    assert list(checks) == [
        "positive",
        "i_statement",
        "understanding",
        "shares_responsibility",
        "offers_help",
    ]
    assert all(c.passed for c in checks.values()), [c.reason for c in result.craft]
    assert all(c.reason for c in result.craft)


def test_craft_positive_fails_with_the_evidence():
    [positive, *_] = analyse_message("Stop being so lazy.").craft
    assert not positive.passed
    assert positive.reason == (
        "Labeling or name-calling (“Stop being so lazy.”) can be heard as criticism."
    )


def test_format_report_is_readable_text():
    text = format_report(analyse_message("You have to stop drinking. I love you."))
    assert "Roadblock: Ordering" in text
    assert "Try saying:" in text
    assert "Summary (MITI-style)" in text
    assert "CRAFT positive communication" in text


# --- bad and odd input -------------------------------------------------------


def test_empty_text():
    result = analyse_message("")
    assert result.sentences == []
    assert to_json(result, 0)["behaviour"] == "other"
    assert "nothing to analyse" in format_report(result).lower()


def test_none_is_treated_as_empty():
    assert analyse_message(None).sentences == []  # type: ignore[arg-type]


def test_one_word():
    check_contract(to_json(analyse_message("Hi"), "w"), "w")


def test_twenty_thousand_characters_are_capped_and_the_result_says_so():
    text = ("I love you and I am worried about the drinking. " * 500)[:20000]
    result = analyse_message(text)
    assert result.truncated
    assert len(result.text) <= coach.MAX_CHARS
    assert result.original_length == 20000
    assert any("characters were analysed" in n for n in result.notes)


def test_emoji_only():
    result = analyse_message("😀😀 ❤️")
    assert result.sentences[0].behaviour == "other"
    assert result.sentences[0].roadblocks == []
    assert any("emoji" in n for n in result.notes)


def test_other_languages_get_a_note():
    result = analyse_message("Я очень волнуюсь за тебя, пожалуйста, поговори со мной.")  # noqa: RUF001
    assert any("English" in n for n in result.notes)
    result = analyse_message("Tu dois arrêter de boire, je suis très inquiète pour toi.")
    assert any("English" in n for n in result.notes)


def test_english_gets_no_language_note():
    assert not analyse_message("I'm worried about you and I love you.").notes


def test_html_and_script_are_plain_text():
    text = "<script>alert('x')</script> <b>You have to stop</b>"
    result = analyse_message(text)
    assert "<script>" in result.sentences[0].text  # returned as written; the app escapes
    check_contract(to_json(result, "h"), "h")


def test_control_characters_do_not_break_offsets():
    text = "You have to\x00 stop.\x07 Please."
    result = analyse_message(text)
    for s in result.sentences:
        assert len(s.text) == s.end - s.start


# --- the JSON-lines runner -------------------------------------------------------


def test_coach_jsonl_answers_every_good_line_and_reports_bad_ones_on_stderr(capsys):
    stdin = io.StringIO(
        '{"id": 1, "text": "You have to stop."}\n'
        "not json\n"
        '{"id": 3}\n'
        "\n"
        '{"id": "four", "text": "How are you?"}\n'
        '["a list"]\n'
    )
    stdout = io.StringIO()
    status = cli.coach([], stdin=stdin, stdout=stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert status == 2
    assert [line["id"] for line in lines] == [1, "four"]
    check_contract(lines[0], 1)
    check_contract(lines[1], "four")
    assert [line.split(":")[0] for line in capsys.readouterr().err.splitlines()] == [
        "line 2",
        "line 3",
        "line 6",
    ]


def test_risk_jsonl_follows_the_same_error_contract_as_coach(capsys):
    stdin = io.StringIO('{"id": "a", "text": 5}\n{"id": "b", "text": "a fine day"}\n')
    stdout = io.StringIO()
    status = cli.risk([], stdin=stdin, stdout=stdout)
    assert status == 2
    assert [json.loads(line)["id"] for line in stdout.getvalue().splitlines()] == ["b"]
    assert capsys.readouterr().err == 'line 1: expected {"id", "text"}: text must be a string\n'


# --- property: never crashes -------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_never_crashes(text):
    result = analyse_message(text)
    check_contract(to_json(result, "p"), "p")
    format_report(result)
    for s in result.sentences:
        assert result.text[s.start : s.end] == s.text
        assert s.behaviour in BEHAVIOURS


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["You ", "always ", "never ", "stop", "?", ".", "I ", "😀", "\n"]),
        max_size=60,
    )
)
def test_roadblock_word_soup_never_crashes(parts):
    check_contract(to_json(analyse_message("".join(parts)), None), None)


def test_the_briefs_better_wording_has_no_roadblock() -> None:
    # The rewrite the product promises for "You have to quit the pills..." must read as clean.
    result = analyse_message(
        "I've noticed the pills seem to be costing you a lot lately, and I care about you. "
        "How do you see it?"
    )

    assert result.roadblocks == []
    assert "open_question" in result.labels


@pytest.mark.parametrize(
    ("text", "behaviour"),
    [("It's completely your call.", "other"), ("I'm here for you.", "therapist_input")],
)
def test_a_message_that_offers_or_leaves_the_choice_is_not_a_reflection(text, behaviour):
    result = analyse_message(text)
    assert result.message_model_behaviour == "reflection"
    assert result.message_behaviour_rule == "an offer or their choice, not a reflection"
    assert to_json(result)["behaviour"] == behaviour


def test_ordering_inside_a_longer_sentence_does_not_override_the_message():
    result = analyse_message("It sounds like you feel you have to keep everyone happy.")
    assert result.message_behaviour_rule != "a roadblock is not a reflection"
