"""Tests for the "Understand the refusal" engine and its content under content/understand/.

The engine is plain Python.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import statistics
from pathlib import Path
from typing import Any

import pytest
import yaml

from porchlight.content.library import load_articles
from porchlight.understand import engine
from porchlight.understand.engine import (
    CONTENT_DIRECTORY,
    NEXT_STEP_COUNT,
    SECTIONS,
    AnswerError,
    Assessment,
    Content,
    ContentError,
    Playbook,
    build_playbook,
    load_content,
    load_demo_answers,
    score,
)
from tests.readability import fk_grade

DEMO_FILE = CONTENT_DIRECTORY.parent / "demo.yaml"
CONTENT_FILES = ("questions.yaml", "scoring.yaml", "playbook.yaml")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def assess(
    answers: dict[str, Any], concerns: list[str] | None = None, relationship: str = "partner"
) -> Assessment:
    return score(answers, concerns=concerns or [], relationship=relationship)


def playbook_for(
    answers: dict[str, Any],
    concerns: list[str] | None = None,
    relationship: str = "partner",
    **kwargs: Any,
) -> Playbook:
    assessment = assess(answers, concerns, relationship)
    return build_playbook(assessment, concerns=concerns or [], relationship=relationship, **kwargs)


# --------------------------------------------------------------------------- shipped content


def test_shipped_content_loads(content):
    assert 10 <= len(content.questions) <= 14
    assert content.scoring.barrier_ids == (
        "poor_insight",
        "hopelessness",
        "fear",
        "shame",
        "mistrust",
        "control",
        "fear_of_withdrawal",
        "different_solution",
    )
    assert content.scoring.stage_ids == (
        "precontemplation",
        "contemplation",
        "preparation",
        "action",
        "maintenance",
    )
    for question in content.questions:
        assert question.text.endswith("?"), question.id
        for option in question.options:
            assert option.id not in {"yes", "no", "on", "off", "true", "false"}
            assert (question.id, option.id) in content.scoring.effects


def test_every_linked_article_exists(content):
    slugs = set(load_articles())
    scoring = content.scoring
    linked = [
        *(b.article for b in scoring.barriers),
        *(s.article for s in scoring.stages),
        scoring.relapse.article,
        *(f.article for f in scoring.flags),
        *(c.article for c in content.playbook.concerns),
        *(rule.article for rule in content.playbook.rules),
    ]
    assert linked
    missing = sorted({slug for slug in linked if slug not in slugs})
    assert not missing, f"playbook or scoring links to missing articles: {missing}"


def test_everything_cites_sources(content):
    scoring = content.scoring
    cited = [
        *scoring.barriers,
        *scoring.stages,
        scoring.relapse,
        *scoring.flags,
        *content.playbook.rules,
    ]
    for item in cited:
        assert item.sources, item
        for source in item.sources:
            assert source.title
            assert source.url == "" or source.url.startswith("https://")


def test_key_sources_are_cited(content):
    titles = " ".join(
        source.title
        for item in [*content.scoring.barriers, *content.scoring.stages, *content.playbook.rules]
        for source in item.sources
    )
    for author in ("Prochaska", "Miller WR, Rollnick S", "Amador", "Smith JE, Meyers RJ"):
        assert author in titles


def test_every_section_has_items_and_patterns_have_responses(content):
    for section in SECTIONS:
        assert content.playbook.sections[section], section
    for rule in content.playbook.sections["patterns"]:
        assert rule.title
        assert len(rule.responses) >= 2
    for rule in content.playbook.sections["support_groups"]:
        assert rule.url == "" or rule.url.startswith("https://")


def test_demo_answers_cover_the_demo_circles():
    circles = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))["circles"]
    assert set(load_demo_answers()) == {circle["name"] for circle in circles}


# --------------------------------------------------------------------------- readability


def test_supporter_facing_text_is_plain(content):
    scoring = content.scoring
    groups = {
        "questions": [q.text for q in content.questions]
        + [o.label for q in content.questions for o in q.options],
        "barriers": [t for b in scoring.barriers for t in (b.meaning, b.what_to_do)],
        "stages": [t for s in scoring.stages for t in (s.meaning, *s.helps, *s.backfires)],
        **{
            section: [t for r in content.playbook.sections[section] for t in (r.text, *r.responses)]
            for section in SECTIONS
        },
    }
    grades = {name: round(fk_grade(texts), 1) for name, texts in groups.items()}
    assert max(grades.values()) <= 10, grades
    assert statistics.median(grades.values()) <= 8.5, grades


# --------------------------------------------------------------------------- barriers

BARRIER_CASES: dict[str, dict[str, Any]] = {
    "poor_insight": {
        "says_when_help": ["no_problem"],
        "sees_problem": "denies_completely",
        "trust_in_help": "no_need",
    },
    "hopelessness": {
        "says_when_help": ["whats_the_point"],
        "trust_in_help": "no_one_can_help",
        "most_days": ["low_flat"],
    },
    "fear": {
        "fears": ["who_without"],
        "most_days": ["on_edge"],
        "sees_problem": "sees_some",
    },
    "shame": {
        "says_when_help": ["not_crazy"],
        "fears": ["being_judged"],
        "trust_in_help": "embarrassed",
    },
    "mistrust": {
        "says_when_help": ["doctors_useless"],
        "past_help": ["bad_experience"],
        "trust_in_help": "distrusts",
    },
    "control": {
        "says_when_help": ["my_life"],
        "pressure_reaction": ["digs_in"],
        "fears": ["losing_control"],
    },
    "fear_of_withdrawal": {
        "says_when_help": ["need_it"],
        "fears": ["feeling_sick"],
        "tried_to_change": ["sick_when_stopping"],
    },
    "different_solution": {
        "says_when_help": ["own_fix"],
        "wants_for_life": ["own_terms"],
        "tried_to_change": ["own_way"],
    },
}


def test_every_barrier_has_a_case(content):
    assert set(BARRIER_CASES) == set(content.scoring.barrier_ids)


@pytest.mark.parametrize(("barrier", "answers"), BARRIER_CASES.items(), ids=list(BARRIER_CASES))
def test_each_barrier_can_top_the_map(content, barrier, answers):
    assessment = assess(answers)
    assert assessment.top_barrier == barrier
    top = assessment.barriers[0]
    assert top.title == content.scoring.barrier(barrier).title
    assert top.score == sum(r.weight for r in top.reasons)
    assert top.score > (assessment.barriers[1].score if len(assessment.barriers) > 1 else 0)
    # Every reason is tied to a question and option that was answered.
    for reason in top.reasons:
        assert str(reason).startswith("Because you said ")
        assert reason.option_id in answers[reason.question_id]
    assert [r.weight for r in top.reasons] == sorted((r.weight for r in top.reasons), reverse=True)


@pytest.mark.parametrize(("barrier", "answers"), BARRIER_CASES.items(), ids=list(BARRIER_CASES))
def test_each_barrier_shapes_the_playbook(content, barrier, answers):
    playbook = playbook_for(answers)
    title = content.scoring.barrier(barrier).title
    top_reason = f"Because \u201c{title}\u201d is the top barrier on your map."
    assert any(top_reason in step.reasons for step in playbook.next_steps)
    assert any(top_reason in item.reasons for item in playbook.avoid)


def test_reasons_quote_what_the_supporter_said():
    assessment = assess(BARRIER_CASES["poor_insight"])
    assert assessment.barriers[0].reason_texts == (
        "Because you said they say everything is fine, even when things go wrong.",
        "Because you said they tell you there is nothing wrong.",
        "Because you said they say they don't need anyone's help.",
    )


def test_barrier_ties_break_by_answers_then_file_order():
    # shame (3, one answer) vs mistrust (3, one answer): file order puts shame first.
    tied = assess({"says_when_help": ["not_crazy", "doctors_useless"]})
    assert tied.barrier_ids[:2] == ("shame", "mistrust")
    # fear 3 from two answers beats control 3 from one answer.
    spread = assess({"says_when_help": ["my_life", "changes_subject", "not_now"]})
    scores = {b.id: b.score for b in spread.barriers}
    assert scores["control"] == 3
    assert scores["fear"] == 2
    assert spread.top_barrier == "control"


# --------------------------------------------------------------------------- stages

STAGE_CASES: dict[str, dict[str, Any]] = {
    "precontemplation": {"change_talk": "never", "sees_problem": "denies_completely"},
    "contemplation": {"change_talk": "someday", "sees_problem": "sees_some"},
    "preparation": {"change_talk": "planning", "sees_problem": "sees_clearly"},
    "action": {
        "change_talk": "doing",
        "tried_to_change": ["small_steps"],
        "past_help": ["in_help_now"],
    },
    "maintenance": {"change_talk": "keeping", "past_help": ["in_help_now"]},
}


def test_every_stage_has_a_case(content):
    assert set(STAGE_CASES) == set(content.scoring.stage_ids)


@pytest.mark.parametrize(("stage", "answers"), STAGE_CASES.items(), ids=list(STAGE_CASES))
def test_each_stage_can_be_estimated(content, stage, answers):
    estimate = assess(answers).stage
    assert estimate.id == stage
    assert estimate.title == content.scoring.stage(stage).title
    assert estimate.reasons
    assert all(str(r).startswith("Because you said ") for r in estimate.reasons)
    assert 0 < estimate.confidence <= 1
    assert estimate.confidence_label in {"high", "medium", "low"}
    assert not estimate.recent_relapse


@pytest.mark.parametrize(("stage", "answers"), STAGE_CASES.items(), ids=list(STAGE_CASES))
def test_each_stage_shapes_the_next_steps(content, stage, answers):
    playbook = playbook_for(answers)
    title = content.scoring.stage(stage).title
    reason = f"Because they seem to be at the \u201c{title}\u201d stage."
    assert any(reason in step.reasons for step in playbook.next_steps), playbook.next_steps


def test_recent_relapse_is_part_of_the_cycle():
    answers = {"change_talk": "someday", "tried_to_change": ["slipped_back"]}
    assessment = assess(answers)
    assert assessment.stage.id == "contemplation"
    assert assessment.stage.recent_relapse
    assert assessment.stage.relapse_reasons[0].option_id == "slipped_back"
    playbook = build_playbook(assessment, concerns=[], relationship="friend")
    assert playbook.recent_relapse
    assert "setback_not_the_end" in playbook.ids("next_steps")
    assert "stages_of_change" in playbook.ids("techniques")


def test_no_answers_give_the_default_stage_with_no_confidence(content):
    assessment = assess({})
    assert assessment.barriers == ()
    assert assessment.top_barrier is None
    assert assessment.stage.id == content.scoring.default_stage
    assert assessment.stage.confidence == 0
    assert assessment.stage.confidence_label == "low"
    assert assessment.answered == 0
    playbook = build_playbook(assessment, concerns=[], relationship="other")
    assert len(playbook.next_steps) == NEXT_STEP_COUNT


def test_stage_ties_go_to_the_less_ready_stage():
    # sees_clearly gives one point each to contemplation and preparation.
    assert assess({"sees_problem": "sees_clearly"}).stage.id == "contemplation"


def test_thin_evidence_lowers_confidence():
    thin = assess({"change_talk": "planning"}).stage
    full = assess({"change_talk": "planning", "sees_problem": "sees_clearly"}).stage
    mixed = assess({"change_talk": "planning", "sees_problem": "denies_completely"}).stage
    assert thin.id == full.id == mixed.id == "preparation"
    assert thin.confidence == 0.5
    assert thin.confidence_label == "medium"
    assert mixed.confidence < full.confidence


# --------------------------------------------------------------------------- safety flags


def test_burden_talk_puts_safety_first():
    playbook = playbook_for({"most_days": ["burden_talk"]}, ["depression"], "adult_child")
    assert playbook.flags == ("warning_signs",)
    assert playbook.next_steps[0].id == "ask_about_suicide_today"
    assert playbook.professional_help[0].id == "crisis_line_today"


def test_sickness_when_stopping_raises_withdrawal_risk():
    playbook = playbook_for({"tried_to_change": ["sick_when_stopping"]}, ["alcohol"])
    assert playbook.flags == ("withdrawal_risk",)
    assert playbook.next_steps[0].id == "plan_a_safe_stop"
    assert "medical_help_to_stop" in playbook.ids("professional_help")
    assert "harm_reduction" in playbook.ids("techniques")


# --------------------------------------------------------------------------- demo circles


def _demo_setup() -> dict[str, tuple[list[str], str]]:
    circles = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))["circles"]
    return {c["name"]: (c["concerns"], c["relationship"]) for c in circles}


DEMO_EXPECTATIONS: dict[str, dict[str, Any]] = {
    "Dan": {
        "concerns": ["alcohol"],
        "relationship": "partner",
        "top": ("poor_insight",),
        "stage": "precontemplation",
        "techniques": {"leap", "craft"},
        "groups": {"al_anon", "smart_family_and_friends"},
        "steps": {"listen_without_proving", "reward_sober_time"},
        "reason": "Because you said they tell you there is nothing wrong.",
    },
    "Mum": {
        "concerns": ["hoarding"],
        "relationship": "parent",
        "top": ("control", "fear"),
        "stage": "precontemplation",
        "techniques": {"harm_reduction", "mi"},
        "groups": {"children_of_hoarders"},
        "steps": {"ask_dont_tell", "one_safety_goal", "shrink_the_first_step"},
        "reason": "Because you said they say it's their life and their decision.",
    },
    "Theo": {
        "concerns": ["depression"],
        "relationship": "adult_child",
        "top": ("hopelessness",),
        "stage": "precontemplation",
        "techniques": {"mi", "dbt_validation"},
        "groups": {"nami_family_to_family"},
        "steps": {"easy_time_together", "learn_the_warning_signs"},
        "reason": "Because you said they ask what the point is, or say nothing will help.",
    },
    "Sam": {
        "concerns": ["bpd"],
        "relationship": "partner",
        "top": ("fear", "mistrust"),
        "stage": "contemplation",
        "techniques": {"dbt_validation"},
        "groups": {"family_connections"},
        "steps": {"be_predictable", "validate_before_solving", "hear_what_went_wrong"},
        "reason": (
            "Because you said they say you want to get rid of them, "
            "or will leave like everyone else."
        ),
    },
}


@pytest.fixture(scope="module")
def demo_results() -> dict[str, tuple[Assessment, Playbook]]:
    answers = load_demo_answers()
    results = {}
    for name, expected in DEMO_EXPECTATIONS.items():
        concerns, relationship = expected["concerns"], expected["relationship"]
        assessment = score(answers[name], concerns=concerns, relationship=relationship)
        playbook = build_playbook(assessment, concerns=concerns, relationship=relationship)
        results[name] = (assessment, playbook)
    return results


def test_demo_expectations_match_the_demo_circles():
    setup = _demo_setup()
    for name, expected in DEMO_EXPECTATIONS.items():
        assert setup[name] == (expected["concerns"], expected["relationship"])


@pytest.mark.parametrize("name", list(DEMO_EXPECTATIONS))
def test_demo_circle_gets_a_sensible_map_and_playbook(demo_results, name):
    expected = DEMO_EXPECTATIONS[name]
    assessment, playbook = demo_results[name]
    top = expected["top"]
    assert assessment.barrier_ids[: len(top)] == top
    assert assessment.stage.id == expected["stage"]
    assert expected["reason"] in assessment.barriers[0].reason_texts
    assert expected["techniques"] <= set(playbook.ids("techniques"))
    assert expected["groups"] <= set(playbook.ids("support_groups"))
    assert expected["steps"] <= set(playbook.ids("next_steps"))
    assert len(playbook.next_steps) == NEXT_STEP_COUNT
    assert playbook.professional_help[-1].id == "when_to_bring_someone_in"
    assert not playbook.adjusted


def test_only_bpd_gets_the_relationship_patterns(demo_results):
    for name, (_, playbook) in demo_results.items():
        if name == "Sam":
            assert playbook.ids("patterns") == (
                "idealization_and_devaluation",
                "fear_of_abandonment",
                "emotional_distancing",
            )
            for pattern in playbook.patterns:
                assert pattern.title
                assert pattern.text
                assert len(pattern.responses) >= 3
                assert pattern.article == "borderline-personality-disorder"
        else:
            assert playbook.patterns == ()


def test_demo_circles_are_pairwise_different(demo_results):
    names = list(demo_results)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            a1, p1 = demo_results[first]
            a2, p2 = demo_results[second]
            assert a1.top_barrier != a2.top_barrier, (first, second)
            assert p1.ids("next_steps") != p2.ids("next_steps"), (first, second)
            assert p1.ids("support_groups") != p2.ids("support_groups"), (first, second)
            assert p1.ids("avoid") != p2.ids("avoid"), (first, second)


def test_playbook_items_explain_themselves(demo_results):
    _, playbook = demo_results["Dan"]
    leap = playbook.techniques[playbook.ids("techniques").index("leap")]
    assert (
        leap.reasons[0]
        == "Because \u201cNot seeing the problem\u201d is the top barrier on your map."
    )
    assert leap.article == "leap-listen-empathize-agree-partner"
    al_anon = playbook.support_groups[0]
    assert al_anon.reasons == ("Because you are worried about alcohol.",)
    assert al_anon.url == "https://al-anon.org/"
    for item in playbook.items:
        assert item.text
        assert item.article
        assert item.sources
        assert item.reasons
    assert set(playbook.articles) <= set(load_articles())


# --------------------------------------------------------------------------- adjusting


def test_adjusted_barriers_change_the_playbook(demo_results):
    assessment, original = demo_results["Dan"]
    adjusted = build_playbook(
        assessment,
        concerns=["alcohol"],
        relationship="partner",
        adjusted_barriers=["control", "fear"],
    )
    assert adjusted.adjusted
    assert adjusted.barriers == ("control", "fear")
    assert adjusted.next_steps[0].id == "ask_dont_tell"
    assert adjusted.ids("next_steps") != original.ids("next_steps")
    assert "leap" in original.ids("techniques")
    assert "leap" not in adjusted.ids("techniques")
    assert "craft" in adjusted.ids("techniques")  # the concern still counts
    assert len(adjusted.next_steps) == NEXT_STEP_COUNT


def test_adjusting_to_no_barriers_still_gives_three_steps(demo_results):
    assessment, _ = demo_results["Theo"]
    playbook = build_playbook(
        assessment, concerns=["depression"], relationship="adult_child", adjusted_barriers=[]
    )
    assert playbook.barriers == ()
    assert len(playbook.next_steps) == NEXT_STEP_COUNT
    assert "learn_the_warning_signs" in playbook.ids("next_steps")


def test_the_supporter_can_correct_the_stage(demo_results):
    assessment, original = demo_results["Sam"]
    corrected = build_playbook(
        assessment, concerns=["bpd"], relationship="partner", stage="preparation"
    )
    assert corrected.stage == "preparation"
    assert corrected.stage_adjusted
    assert "taking_over_the_plan" in corrected.ids("avoid")
    assert "maybe_is_not_yes" in original.ids("avoid")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"adjusted_barriers": ["not_a_barrier"]},
        {"adjusted_barriers": ["fear", "fear"]},
        {"adjusted_barriers": "fear"},
        {"stage": "relapse"},
        {"concerns": ["cats"]},
        {"concerns": "alcohol"},
        {"relationship": "boss"},
    ],
)
def test_bad_playbook_input_is_refused(demo_results, kwargs):
    assessment, _ = demo_results["Dan"]
    arguments = {"concerns": ["alcohol"], "relationship": "partner", **kwargs}
    with pytest.raises(AnswerError):
        build_playbook(assessment, **arguments)


# --------------------------------------------------------------------------- always three


def _all_option_sets(content: Content) -> list[dict[str, Any]]:
    sets = []
    for question in content.questions:
        for option in question.option_ids:
            sets.append({question.id: [option] if question.multiple else option})
    rng = random.Random(4)
    for _ in range(150):
        answers: dict[str, Any] = {}
        for question in content.questions:
            if rng.random() < 0.3:
                continue
            if question.multiple:
                answers[question.id] = rng.sample(question.option_ids, rng.randint(1, 3))
            else:
                answers[question.id] = rng.choice(question.option_ids)
        sets.append(answers)
    return sets


def test_always_exactly_three_distinct_next_steps(content):
    concern_sets = [[], *([c] for c in content.playbook.concern_ids), ["alcohol", "bpd"]]
    relationships = content.playbook.relationship_ids
    checked = 0
    for index, answers in enumerate(_all_option_sets(content)):
        concerns = concern_sets[index % len(concern_sets)]
        relationship = relationships[index % len(relationships)]
        assessment = score(answers, concerns=concerns, relationship=relationship)
        for stage in (None, content.scoring.stage_ids[index % 5]):
            playbook = build_playbook(
                assessment, concerns=concerns, relationship=relationship, stage=stage
            )
            ids = playbook.ids("next_steps")
            assert len(ids) == NEXT_STEP_COUNT == len(set(ids)), (answers, concerns)
            for section, limit in content.playbook.limits.items():
                assert len(playbook.section(section)) <= limit
            checked += 1
    assert checked > 300


def test_scoring_is_deterministic_and_order_free():
    answers = {"says_when_help": ["not_now", "no_problem"], "fears": ["being_left", "dont_know"]}
    reordered = {"fears": ["dont_know", "being_left"], "says_when_help": ["no_problem", "not_now"]}
    first = assess(answers, ["bpd", "alcohol"])
    second = assess(reordered, ["alcohol", "bpd"])
    assert first == second
    assert first.concerns == ("alcohol", "bpd")
    assert first.answers_dict() == {
        "says_when_help": ["no_problem", "not_now"],
        "fears": ["being_left", "dont_know"],
    }
    one = build_playbook(first, concerns=["alcohol", "bpd"], relationship="partner")
    two = build_playbook(second, concerns=["bpd", "alcohol"], relationship="partner")
    assert one == two


def test_results_are_frozen():
    assessment = assess(BARRIER_CASES["control"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        assessment.stage = assessment.stage  # type: ignore[misc]
    playbook = build_playbook(assessment, concerns=[], relationship="friend")
    with pytest.raises(dataclasses.FrozenInstanceError):
        playbook.next_steps[0].text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"not_a_question": "x"}, "unknown question"),
        ({"sees_problem": "maybe"}, "unknown option"),
        ({"says_when_help": ["no_problem", "nope"]}, "unknown option"),
        ({"sees_problem": ["denies_completely", "sees_some"]}, "takes one answer"),
        ({"sees_problem": 3}, "must be an option id"),
    ],
)
def test_bad_answers_are_refused(answers, message):
    with pytest.raises(AnswerError, match=message):
        assess(answers)


def test_empty_answers_are_skipped():
    assessment = assess({"says_when_help": [], "sees_problem": "", "fears": None})
    assert assessment.answers == ()


# --------------------------------------------------------------------------- validation


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    for name in (*CONTENT_FILES, "demo_answers.yaml"):
        shutil.copy(CONTENT_DIRECTORY / name, tmp_path / name)
    return tmp_path


def _edit(directory: Path, name: str, change: Any) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _step(data: dict[str, Any], section: str, rule_id: str) -> dict[str, Any]:
    return next(rule for rule in data[section] if rule["id"] == rule_id)


BROKEN: list[tuple[str, str, Any, list[str]]] = [
    (
        "unknown_barrier_weight",
        "scoring.yaml",
        lambda d: d["options"]["says_when_help"]["no_problem"].update(barriers={"denial": 3}),
        ["scoring.yaml", "option says_when_help.no_problem", "unknown barrier 'denial'"],
    ),
    (
        "barrier_without_sources",
        "scoring.yaml",
        lambda d: d["barriers"]["shame"].pop("sources"),
        ["scoring.yaml", "barrier 'shame'", "missing sources"],
    ),
    (
        "stage_with_empty_sources",
        "scoring.yaml",
        lambda d: d["stages"]["action"].update(sources=[]),
        ["scoring.yaml", "stage 'action'", "sources must be a non-empty list"],
    ),
    (
        "unknown_source",
        "scoring.yaml",
        lambda d: d["stages"]["action"].update(sources=["nobody_2020"]),
        ["scoring.yaml", "stage 'action'", "unknown source 'nobody_2020'"],
    ),
    (
        "missing_article",
        "scoring.yaml",
        lambda d: d["barriers"]["fear"].update(article="fear-of-spiders"),
        ["scoring.yaml", "barrier 'fear'", "article 'fear-of-spiders' does not exist"],
    ),
    (
        "option_without_entry",
        "scoring.yaml",
        lambda d: d["options"]["fears"].pop("being_left"),
        ["scoring.yaml", "option fears.being_left", "has no entry"],
    ),
    (
        "empty_helps",
        "scoring.yaml",
        lambda d: d["stages"]["contemplation"].update(helps=[]),
        ["scoring.yaml", "stage 'contemplation'", "helps must be a non-empty list"],
    ),
    (
        "unused_source",
        "scoring.yaml",
        lambda d: d["sources"].update(spare={"title": "A book nobody cites."}),
        ["scoring.yaml", "source 'spare'", "is never cited"],
    ),
    (
        "unreachable_stage",
        "scoring.yaml",
        lambda d: d["options"]["change_talk"]["keeping"].pop("stages"),
        ["scoring.yaml", "stage 'maintenance'", "no option gives it any evidence"],
    ),
    (
        "unknown_flag",
        "scoring.yaml",
        lambda d: d["options"]["most_days"]["low_flat"].update(flags=["panic"]),
        ["scoring.yaml", "option most_days.low_flat", "flags must be a list"],
    ),
    (
        "duplicate_question",
        "questions.yaml",
        lambda d: d["questions"].append(dict(d["questions"][0])),
        ["questions.yaml", "question id 'says_when_help'", "used twice"],
    ),
    (
        "option_without_label",
        "questions.yaml",
        lambda d: d["questions"][1]["options"][0].pop("label"),
        ["questions.yaml", "option 'denies_completely'", "missing label"],
    ),
    (
        "empty_questions",
        "questions.yaml",
        lambda d: d.update(questions=[]),
        ["questions.yaml", "questions: must be a non-empty list"],
    ),
    (
        "playbook_missing_article",
        "playbook.yaml",
        lambda d: _step(d, "next_steps", "listen_without_proving").update(article="nope"),
        ["playbook.yaml", "next_steps 'listen_without_proving'", "article 'nope' does not exist"],
    ),
    (
        "playbook_unknown_barrier",
        "playbook.yaml",
        lambda d: _step(d, "avoid", "forced_cheer").update(when={"barriers": ["gloom"]}),
        ["playbook.yaml", "avoid 'forced_cheer'", "unknown barrier 'gloom'"],
    ),
    (
        "playbook_unknown_concern",
        "playbook.yaml",
        lambda d: _step(d, "support_groups", "al_anon").update(when={"concerns": ["wine"]}),
        ["playbook.yaml", "support_groups 'al_anon'", "unknown concern 'wine'"],
    ),
    (
        "playbook_unknown_when_key",
        "playbook.yaml",
        lambda d: _step(d, "techniques", "leap").update(when={"mood": ["low"]}),
        ["playbook.yaml", "techniques 'leap'", "unknown 'when' key(s) mood"],
    ),
    (
        "playbook_empty_section",
        "playbook.yaml",
        lambda d: d.update(avoid=[]),
        ["playbook.yaml", "avoid: must be a non-empty list"],
    ),
    (
        "playbook_empty_text",
        "playbook.yaml",
        lambda d: _step(d, "professional_help", "gambling_help").update(text="  "),
        ["playbook.yaml", "professional_help 'gambling_help'", "text must be non-empty"],
    ),
    (
        "playbook_technique_without_sources",
        "playbook.yaml",
        lambda d: _step(d, "techniques", "craft").pop("sources"),
        ["playbook.yaml", "techniques 'craft'", "missing sources"],
    ),
    (
        "playbook_pattern_without_responses",
        "playbook.yaml",
        lambda d: _step(d, "patterns", "fear_of_abandonment").update(responses=[]),
        ["playbook.yaml", "patterns 'fear_of_abandonment'", "responses must be a non-empty"],
    ),
    (
        "playbook_too_few_general_steps",
        "playbook.yaml",
        lambda d: _step(d, "next_steps", "support_for_you").update(when={"concerns": ["other"]}),
        ["playbook.yaml", "next_steps", "needs at least 3 steps without 'when'"],
    ),
    (
        "playbook_bad_priority",
        "playbook.yaml",
        lambda d: d["settings"].update(priority=["flags", "barrier_1", "general"]),
        ["playbook.yaml", "settings", "priority must list each of"],
    ),
    (
        "playbook_duplicate_item",
        "playbook.yaml",
        lambda d: d["avoid"].append(dict(_step(d, "avoid", "roadblocks"))),
        ["playbook.yaml", "avoid item id 'roadblocks'", "used twice"],
    ),
    (
        "playbook_http_url",
        "playbook.yaml",
        lambda d: _step(d, "support_groups", "gam_anon").update(url="http://gam-anon.org/"),
        ["playbook.yaml", "support_groups 'gam_anon'", "https://"],
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_content_raises_a_clear_error(content_copy, file, change, expected):
    _edit(content_copy, file, change)
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    for part in expected:
        assert part in message, message


def test_yes_as_an_option_id_is_explained(content_copy):
    path = content_copy / "questions.yaml"
    text = path.read_text(encoding="utf-8").replace("- id: never_tried", "- id: yes", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"questions\.yaml: .*yes/no/on/off"):
        load_content(content_copy)


def test_invalid_yaml_and_missing_files_name_the_file(content_copy):
    (content_copy / "playbook.yaml").write_text("settings: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^playbook\.yaml: not valid YAML"):
        load_content(content_copy)
    (content_copy / "scoring.yaml").unlink()
    with pytest.raises(ContentError, match=r"^scoring\.yaml: cannot be read: file not found"):
        load_content(content_copy)


def test_broken_demo_answers_name_the_circle(content_copy):
    _edit(content_copy, "demo_answers.yaml", lambda d: d["circles"]["Mum"].update(fears=["bats"]))
    with pytest.raises(
        ContentError, match=r"demo_answers\.yaml: circle 'Mum': unknown option 'bats'"
    ):
        load_demo_answers(content_copy, content=load_content(content_copy))


def test_loading_is_cached_and_clearable(content_copy):
    first = load_content(content_copy)
    assert load_content(content_copy) is first
    assert load_content(str(content_copy)) is first
    engine.clear_cache()
    assert load_content(content_copy) is not first
    assert load_content() == load_content(CONTENT_DIRECTORY)


# --------------------------------------------------------------------------- extending


def test_adding_a_concern_and_a_technique_needs_no_code_change(content_copy):
    def add(data: dict[str, Any]) -> None:
        data["concerns"]["loneliness"] = {
            "choice": "Loneliness",
            "label": "loneliness",
            "article": "looking-after-yourself",
        }
        data["sources"]["holt_lunstad_2010"] = {
            "title": "Holt-Lunstad J, Smith TB, Layton JB. Social relationships and mortality "
            "risk: a meta-analytic review. PLoS Medicine, 2010;7(7):e1000316.",
            "url": "https://doi.org/10.1371/journal.pmed.1000316",
        }
        data["techniques"].append(
            {
                "id": "regular_contact",
                "title": "Regular contact",
                "when": {"concerns": ["loneliness"]},
                "text": "Keep in touch on a regular day, even briefly.",
                "article": "love-from-a-distance",
                "sources": ["holt_lunstad_2010"],
            }
        )
        data["support_groups"].insert(
            0,
            {
                "id": "befriending",
                "title": "A befriending service",
                "when": {"concerns": ["loneliness"]},
                "text": "Volunteers who call or visit regularly.",
                "article": "support-groups-for-supporters",
                "sources": ["holt_lunstad_2010"],
            },
        )

    _edit(content_copy, "playbook.yaml", add)
    extended = load_content(content_copy)
    assessment = score({}, concerns=["loneliness"], relationship="parent", content=extended)
    playbook = build_playbook(
        assessment, concerns=["loneliness"], relationship="parent", content=extended
    )
    assert playbook.ids("techniques") == ("regular_contact", "mi")
    assert playbook.ids("support_groups")[0] == "befriending"
    assert playbook.support_groups[0].reasons == ("Because you are worried about loneliness.",)
