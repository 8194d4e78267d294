"""The "Pause or act" triage: every rule has a case, and the engine and loader behave.

The CASES table is the contract: one entry per rule id in content/triage.yaml, with
answers that trigger that rule. A rule added to the YAML without a case here fails
``test_the_case_table_names_every_rule``.
"""

from __future__ import annotations

import copy
import dataclasses
import statistics
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from porchlight.content.wording import banned_phrase_in
from porchlight.safety.guidance import load_guidance
from porchlight.safety.triage import (
    LEVELS,
    NOT_ASSESSED,
    TRIAGE_FILE,
    TriageAnswerError,
    TriageDataError,
    evaluate,
    level_text,
    load_triage,
    questions,
)
from tests.safety.test_guidance import fk_grade


class Case(NamedTuple):
    answers: dict[str, str | list[str]]
    #: Other rules these answers necessarily match too (combination rules).
    also: frozenset[str] = frozenset()


CASES: dict[str, Case] = {
    # act_now
    "suicide_attempt_now": Case({"plan_means": "acting_now"}),
    "suicide_plan_and_means": Case({"plan_means": "plan_and_means"}),
    "suicide_plan": Case({"plan_means": "plan"}),
    "suicide_time_named": Case({"right_now": ["named_time"]}),
    "suicide_talk_while_intoxicated": Case(
        {"right_now": ["intoxicated"], "burden_hopeless": "said_it"},
        also=frozenset({"burden_or_trapped"}),
    ),
    "suicide_talk_and_means": Case(
        {"means_access": ["firearm"], "talk_of_dying": "said_clearly"},
        also=frozenset({"talk_of_dying"}),
    ),
    "talk_and_preparation": Case(
        {"talk_of_dying": "hinted", "changes": ["sudden_calm"]},
        also=frozenset({"talk_of_dying", "sudden_calm"}),
    ),
    "preparation_signs_together": Case(
        {"final_acts": ["goodbyes", "affairs"]}, also=frozenset({"goodbyes_or_giving_away"})
    ),
    "badly_hurt_self": Case({"self_harm": "badly_hurt"}),
    "overdose_signs": Case({"overdose_signs": ["breathing"]}),
    "withdrawal_seizure": Case({"withdrawal_signs": ["seizure"]}),
    "withdrawal_delirium": Case(
        {"stopped_recently": "unsure", "withdrawal_signs": ["confusion"]},
        also=frozenset({"confused_or_seeing_things"}),
    ),
    "confusion_with_heavy_use": Case(
        {"heavy_use": ["benzos"], "withdrawal_signs": ["confusion"]},
        also=frozenset({"confused_or_seeing_things"}),
    ),
    "psychosis_with_risk": Case({"psychosis": "with_risk"}),
    "psychosis_and_threats": Case(
        {"psychosis": "without_risk", "violence": "threats"},
        also=frozenset({"psychosis_without_risk", "threats_or_violence"}),
    ),
    "violence_now": Case({"violence": "happening_now"}),
    "supporter_in_danger": Case({"afraid": "danger_now"}),
    "supporter_unsafe_now": Case({"own_thoughts": "unsafe_now"}),
    "eating_disorder_emergency": Case({"eating_signs": ["heartbeat"]}),
    # urgent
    "talk_of_dying": Case({"talk_of_dying": "hinted"}),
    "burden_or_trapped": Case({"burden_hopeless": "said_it"}),
    "not_sure_about_suicide": Case({"plan_means": "unsure"}),
    "goodbyes_or_giving_away": Case({"final_acts": ["goodbyes"]}),
    "self_harm": Case({"self_harm": "happening"}),
    "sudden_calm": Case({"changes": ["sudden_calm"]}),
    "reckless": Case({"changes": ["reckless"]}),
    "low_signs_together": Case(
        {"changes": ["withdrawing", "losses"]}, also=frozenset({"withdrawing", "big_loss"})
    ),
    "means_and_warning_signs": Case(
        {"means_access": ["medicines"], "trend": "worse"}, also=frozenset({"getting_worse"})
    ),
    "past_attempt_and_decline": Case(
        {"past_attempt": "happened", "trend": "worse"},
        also=frozenset({"past_attempt", "getting_worse"}),
    ),
    "stopped_suddenly": Case({"stopped_recently": "stopped"}),
    "withdrawal_starting": Case({"stopped_recently": "unsure", "withdrawal_signs": ["shaking"]}),
    "confused_or_seeing_things": Case({"withdrawal_signs": ["hallucinations"]}),
    "psychosis_distressed": Case({"psychosis": "distressed"}),
    "threats_or_violence": Case({"violence": "threats"}),
    "supporter_often_afraid": Case({"afraid": "often"}),
    "supporter_self_harm_thoughts": Case({"own_thoughts": "at_times"}),
    "not_eating_for_days": Case({"eating_signs": ["not_eating_days"]}),
    "home_unsafe": Case({"home": ["blocked_exits", "falls"]}),
    "days_without_sleep": Case({"no_sleep": "no_sleep_days"}),
    "use_after_time_away": Case({"recent_release": "using_again"}),
    # plan
    "past_attempt": Case({"past_attempt": "happened"}),
    "getting_worse": Case({"trend": "worse"}),
    "withdrawing": Case({"changes": ["withdrawing"]}),
    "sleep_or_eating_changes": Case({"changes": ["sleep_eating"]}),
    "low_mood": Case({"changes": ["low_mood"]}),
    "big_loss": Case({"changes": ["losses"]}),
    "rage": Case({"changes": ["rage"]}),
    "use_much_more": Case({"use_change": "much_more"}),
    "out_after_time_away": Case({"recent_release": "out_recently"}),
    "psychosis_without_risk": Case({"psychosis": "without_risk"}),
    "supporter_sometimes_afraid": Case({"afraid": "sometimes"}),
    "supporter_overwhelmed": Case({"coping": "overwhelmed"}),
}

#: Every question answered with its calm option: nothing should match.
CALM_ANSWERS: dict[str, str | list[str]] = {
    "talk_of_dying": "not_heard",
    "burden_hopeless": "not_heard",
    "plan_means": "none_known",
    "right_now": ["none"],
    "means_access": ["none"],
    "final_acts": ["none"],
    "past_attempt": "not_known",
    "self_harm": "not_known",
    "changes": ["none"],
    "trend": "better",
    "overdose_signs": ["none"],
    "heavy_use": ["neither"],
    "stopped_recently": "not_stopped",
    "withdrawal_signs": ["none"],
    "use_change": "same_or_less",
    "recent_release": "not_recently",
    "psychosis": "not_seen",
    "violence": "not_seen",
    "no_sleep": "not_seen",
    "eating_signs": ["none"],
    "home": ["none"],
    "afraid": "not_afraid",
    "own_thoughts": "not_now",
    "coping": "okay",
}

RULES = load_triage().rules


def matched_ids(answers: dict[str, Any]) -> set[str]:
    return {m.rule_id for m in evaluate(answers).matched}


# --------------------------------------------------------------------------- every rule


def test_the_case_table_names_every_rule() -> None:
    rule_ids = {rule.id for rule in RULES}

    assert set(CASES) - rule_ids == set(), "cases for rules that no longer exist"
    assert rule_ids - set(CASES) == set(), "rules without a test case: add them to CASES"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_triggers_its_level_and_shows_its_reason(rule) -> None:  # type: ignore[no-untyped-def]
    case = CASES[rule.id]

    result = evaluate(case.answers)

    assert {m.rule_id for m in result.matched} == {rule.id} | case.also
    assert result.level == rule.level
    shown = {m.rule_id: m.reason for m in result.matched}
    assert shown[rule.id] == rule.reason
    focused = load_triage().focus_text(rule.focus, rule.level) if rule.focus else None
    assert result.actions == (focused or level_text(rule.level)).actions
    if rule.focus:
        assert result.focus == rule.focus
    assert result.supporter_at_risk == ("supporter_at_risk" in rule.flags)
    assert result.supporter_distress == ("supporter_distress" in rule.flags)
    for block_id in rule.guidance:
        assert block_id in result.guidance


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_is_silent_on_calm_answers(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.id not in matched_ids(CALM_ANSWERS)


def test_every_level_but_keep_supporting_is_reachable() -> None:
    assert {rule.level for rule in RULES} == set(LEVELS) - {"keep_supporting"}


# --------------------------------------------------------------------------- outcomes


def test_no_answers_means_not_assessed_never_keep_supporting() -> None:
    result = evaluate({})

    assert result.level == NOT_ASSESSED
    assert not result.assessed
    assert result.matched == ()
    assert result.title == "We could not check anything: no questions were answered"
    assert result.actions[0] == (
        "If anyone may be in danger right now, call your local emergency number."
    )
    assert "Keep supporting" not in result.title
    assert not result.supporter_at_risk
    assert not result.supporter_distress


def test_calm_answers_mean_keep_supporting() -> None:
    result = evaluate(CALM_ANSWERS)

    assert result.level == "keep_supporting"
    assert result.matched == ()


def test_highest_level_wins_and_every_reason_is_shown_highest_first() -> None:
    answers = {
        "changes": ["withdrawing", "sudden_calm"],  # plan + urgent
        "overdose_signs": ["cannot_wake", "blue_lips"],  # act_now
        "coping": "overwhelmed",  # plan
    }

    result = evaluate(answers)

    assert result.level == "act_now"
    assert [m.rule_id for m in result.matched] == [
        "overdose_signs",
        "sudden_calm",
        "withdrawing",
        "supporter_overwhelmed",
    ]
    assert [m.level for m in result.matched] == ["act_now", "urgent", "plan", "plan"]
    assert result.actions[0] == "Call your local emergency number now."
    assert result.guidance == ("overdose", "alcohol_poisoning", "ask_directly")


def test_urgent_beats_plan() -> None:
    result = evaluate({"talk_of_dying": "said_clearly", "trend": "worse"})

    assert result.level == "urgent"
    assert {m.rule_id for m in result.matched} == {"talk_of_dying", "getting_worse"}


def test_supporter_fear_sets_supporter_at_risk_and_shows_violence_guidance() -> None:
    for answer in ("danger_now", "often", "sometimes"):
        result = evaluate({"afraid": answer})
        assert result.supporter_at_risk, answer
        assert "violence" in result.guidance
        assert not result.supporter_distress
    assert not evaluate({"afraid": "not_afraid"}).supporter_at_risk


def test_supporter_thoughts_of_self_harm_set_supporter_distress() -> None:
    for answer in ("unsafe_now", "at_times"):
        result = evaluate({"own_thoughts": answer})
        assert result.supporter_distress, answer
        assert "me_struggling" in result.guidance
    assert evaluate({"own_thoughts": "unsafe_now"}).level == "act_now"
    assert not evaluate({"own_thoughts": "not_now"}).supporter_distress


def test_both_supporter_flags_with_a_loved_one_emergency() -> None:
    result = evaluate({"plan_means": "acting_now", "afraid": "often", "own_thoughts": "at_times"})

    assert result.level == "act_now"
    assert result.supporter_at_risk
    assert result.supporter_distress
    assert result.guidance == ("suicide_now", "violence", "me_struggling")


def test_hallucinations_without_a_recent_stop_are_urgent_not_withdrawal() -> None:
    answers = {"stopped_recently": "not_stopped", "withdrawal_signs": ["hallucinations"]}

    assert matched_ids(answers) == {"confused_or_seeing_things"}
    assert evaluate(answers).level == "urgent"


def test_past_attempt_alone_is_plan_but_with_decline_is_urgent() -> None:
    assert evaluate({"past_attempt": "happened"}).level == "plan"
    assert evaluate({"past_attempt": "happened", "changes": ["low_mood"]}).level == "urgent"
    assert evaluate({"past_attempt": "happened", "use_change": "much_more"}).level == "urgent"


def test_empty_values_count_as_unanswered() -> None:
    result = evaluate({"talk_of_dying": "", "changes": [], "afraid": None})  # type: ignore[dict-item]

    assert result.level == NOT_ASSESSED


def test_tuples_and_sets_are_accepted_for_multiple_choice() -> None:
    assert evaluate({"overdose_signs": ("cannot_wake",)}).level == "act_now"
    assert evaluate({"changes": {"withdrawing"}}).level == "plan"  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"mood": "bad"}, r"unknown question 'mood'"),
        ({"talk_of_dying": "maybe"}, r"unknown option 'maybe' for question 'talk_of_dying'"),
        ({"changes": ["withdrawing", "bored"]}, r"unknown option 'bored'"),
        ({"afraid": ["often", "sometimes"]}, r"question 'afraid' takes one answer"),
        ({"afraid": 3}, r"answer must be text or a list"),
    ],
)
def test_bad_answers_fail_loudly(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(TriageAnswerError, match=message):
        evaluate(answers)


# --------------------------------------------------------------------------- the questions


def test_questions_come_in_steps_in_order() -> None:
    steps = questions()
    all_questions = [q for step in steps for q in step.questions]

    assert [step.id for step in steps] == [
        "signs",
        "substances",
        "reality_safety",
        "body_home",
        "you",
    ]
    assert 12 <= len(all_questions) <= 26
    assert [q.id for q in all_questions][:3] == ["talk_of_dying", "burden_hopeless", "plan_means"]
    assert all(q.step == step.id for step in steps for q in step.questions)
    assert all(len(q.options) >= 2 for q in all_questions)
    assert set(CALM_ANSWERS) == {q.id for q in all_questions}


def test_every_question_and_level_text_is_plain_and_safely_worded() -> None:
    triage = load_triage()
    texts = [q.text for q in triage.questions]
    texts += [o.label for q in triage.questions for o in q.options]
    texts += [r.reason for r in triage.rules]
    for level in (*triage.levels, triage.not_assessed):
        assert level is not None
        texts += [level.title, level.hope, *level.actions, *level.watch_for]
    for focused in triage.focus_texts:
        texts += [focused.title, focused.hope, *focused.actions]

    for text in texts:
        assert banned_phrase_in(text) is None, text
    question_grades = [fk_grade(q.text) for q in triage.questions]
    reason_grades = [fk_grade(r.reason) for r in triage.rules]
    action_grades = [fk_grade(a) for f in triage.focus_texts for a in f.actions]
    assert statistics.median(question_grades) <= 8, question_grades
    assert statistics.median(reason_grades) <= 8, reason_grades
    assert statistics.median(action_grades) <= 8, action_grades


def test_pages_for_the_supporter_or_their_safety_never_say_stay_with_them() -> None:
    triage = load_triage()

    assert {(f.focus, f.level) for f in triage.focus_texts} == {
        ("safety_first", "act_now"),
        ("safety_first", "urgent"),
        ("supporter", "act_now"),
        ("supporter", "urgent"),
    }
    for focused in triage.focus_texts:
        assert not any("stay with them" in a.lower() for a in focused.actions), focused
    assert triage.focus_text("safety_first", "act_now").actions[0].startswith("Get yourself")  # type: ignore[union-attr]
    assert "be with you" in " ".join(triage.focus_text("supporter", "act_now").actions)  # type: ignore[union-attr]


def test_violence_wins_the_focus_but_fear_alone_only_at_its_level() -> None:
    assert evaluate({"violence": "threats", "plan_means": "plan"}).focus == "safety_first"
    assert evaluate({"afraid": "often", "plan_means": "plan"}).focus == "loved_one"
    assert evaluate({"afraid": "often"}).focus == "safety_first"
    assert evaluate({"own_thoughts": "at_times", "plan_means": "plan"}).focus == "loved_one"
    assert evaluate({"own_thoughts": "unsafe_now", "plan_means": "plan"}).focus == "supporter"


def test_signs_that_add_up_need_two_of_them() -> None:
    assert evaluate({"changes": ["withdrawing"]}).level == "plan"
    assert evaluate({"changes": ["withdrawing", "sleep_eating"]}).level == "urgent"
    assert evaluate({"final_acts": ["goodbyes"]}).level == "urgent"
    assert evaluate({"final_acts": ["goodbyes", "giving_away"]}).level == "act_now"


def test_the_blocks_for_whoever_the_page_speaks_to_come_first() -> None:
    result = evaluate({"overdose_signs": ["cannot_wake"], "own_thoughts": "unsafe_now"})

    assert result.guidance[0] == "me_struggling"


def test_every_rule_and_level_cites_a_source() -> None:
    triage = load_triage()

    assert all(rule.sources for rule in triage.rules)
    assert all(level.sources for level in triage.levels)
    assert all(s.url.startswith("https://") for s in triage.sources)


def test_act_now_actions_put_the_call_first() -> None:
    assert level_text("act_now").actions[0] == "Call your local emergency number now."
    assert "worried about someone else" in level_text("urgent").actions[0]


def test_guidance_ids_refer_to_real_blocks() -> None:
    block_ids = {item.id for item in load_guidance()}

    assert {g for rule in RULES for g in rule.guidance} <= block_ids


def test_loader_is_cached_and_results_are_frozen() -> None:
    assert load_triage() is load_triage()
    result = evaluate({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "act_now"  # type: ignore[misc]


# --------------------------------------------------------------------------- broken files


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(TRIAGE_FILE.read_text(encoding="utf-8")))


def rule_named(raw: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(rule for rule in raw["rules"] if rule["id"] == rule_id)


def question_named(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == question_id)


BROKEN = [
    pytest.param(
        lambda r: rule_named(r, "suicide_plan").update(when={"any": [{"plans": "plan"}]}),
        r"rule 'suicide_plan': when\.any: unknown question 'plans'",
        id="unknown-question",
    ),
    pytest.param(
        lambda r: rule_named(r, "overdose_signs").update(
            when={"any": [{"overdose_signs": ["cannot_wake", "pale"]}]}
        ),
        r"rule 'overdose_signs': when\.any: unknown option 'pale' for question 'overdose_signs'",
        id="unknown-option",
    ),
    pytest.param(
        lambda r: rule_named(r, "rage").update(level="soon"),
        r"rule 'rage': level 'soon' is not one of act_now, urgent, plan, keep_supporting",
        id="unknown-rule-level",
    ),
    pytest.param(
        lambda r: r["levels"].update(someday=r["levels"]["plan"]),
        r"level 'someday' is not one of",
        id="unknown-level-text",
    ),
    pytest.param(
        lambda r: question_named(r, "coping").update(options=[]),
        r"question 'coping': has no options",
        id="question-without-options",
    ),
    pytest.param(
        lambda r: rule_named(r, "reckless").pop("source"),
        r"rule 'reckless': missing source",
        id="rule-without-source",
    ),
    pytest.param(
        lambda r: r["levels"]["urgent"].pop("source"),
        r"level 'urgent': missing source",
        id="level-without-source",
    ),
    pytest.param(
        lambda r: rule_named(r, "reckless").update(source=["wikipedia"]),
        r"rule 'reckless': unknown source 'wikipedia'",
        id="unknown-source",
    ),
    pytest.param(
        lambda r: r["levels"]["act_now"].update(actions=[]),
        r"level 'act_now': has no actions",
        id="act-now-without-actions",
    ),
    pytest.param(
        lambda r: rule_named(r, "past_attempt").update(
            reason="Her uncle committed suicide, so watch closely."
        ),
        r"rules\[\d+\]\.reason: uses 'committed suicide'",
        id="committed-suicide",
    ),
    pytest.param(
        lambda r: question_named(r, "trend").update(help="Has he Committed Suicide before?"),
        r"questions\[\d+\]\.help: uses 'committed suicide'",
        id="committed-suicide-any-case",
    ),
    pytest.param(
        lambda r: rule_named(r, "violence_now").update(guidance=["call_the_police"]),
        r"rule 'violence_now': unknown guidance block 'call_the_police'",
        id="unknown-guidance",
    ),
    pytest.param(
        lambda r: rule_named(r, "violence_now").update(flags=["supporter_scared"]),
        r"rule 'violence_now': flags must be a list from",
        id="unknown-flag",
    ),
    pytest.param(
        lambda r: r["rules"].append(dict(rule_named(r, "rage"))),
        r"rule id 'rage' is used twice",
        id="duplicate-rule",
    ),
    pytest.param(
        lambda r: question_named(r, "past_attempt")["options"][0].update(id=True),
        r"question 'past_attempt': options\[0\]: id True must be snake_case text \(quote it",
        id="yaml-yes-became-a-boolean",
    ),
    pytest.param(
        lambda r: question_named(r, "coping").update(step="elsewhere"),
        r"question 'coping': unknown step 'elsewhere'",
        id="unknown-step",
    ),
    pytest.param(
        lambda r: rule_named(r, "rage").update(when={"sometimes": []}),
        r"rule 'rage': 'when' needs 'all' and/or 'any'",
        id="bad-condition",
    ),
    pytest.param(
        lambda r: rule_named(r, "low_signs_together").update(
            when={"any": [{"changes": {"at_least": 5, "of": ["withdrawing", "losses"]}}]}
        ),
        r"rule 'low_signs_together': when\.any: question 'changes': at_least is more than",
        id="count-too-high",
    ),
    pytest.param(
        lambda r: rule_named(r, "low_signs_together").update(
            when={"any": [{"changes": {"at_least": 2}}]}
        ),
        r"question 'changes': a count needs 'at_least' and 'of'",
        id="count-without-options",
    ),
    pytest.param(
        lambda r: rule_named(r, "talk_and_preparation").update(
            when={"all": [{"any": [{"talk_of_dying": "whispered"}]}]}
        ),
        r"rule 'talk_and_preparation': when\.all\.any: unknown option 'whispered'",
        id="nested-unknown-option",
    ),
    pytest.param(
        lambda r: rule_named(r, "violence_now").update(focus="the_police"),
        r"rule 'violence_now': focus must be one of safety_first, supporter",
        id="unknown-focus",
    ),
    pytest.param(
        lambda r: r["focus"]["supporter"].update(plan=r["focus"]["supporter"]["urgent"]),
        r"focus 'supporter': gives texts for act_now and/or urgent only",
        id="focus-text-for-plan",
    ),
    pytest.param(
        lambda r: r.pop("not_assessed"),
        r"level 'not_assessed': missing its title",
        id="no-not-assessed-text",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_broken_triage_files_fail_loudly(
    tmp_path: Path, raw: dict[str, Any], mutate, message
) -> None:  # type: ignore[no-untyped-def]
    mutate(raw)
    path = tmp_path / "triage.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")

    with pytest.raises(TriageDataError, match=message):
        load_triage(path)


def test_an_untouched_copy_loads(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "triage.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")

    assert [r.id for r in load_triage(path).rules] == [r.id for r in RULES]
