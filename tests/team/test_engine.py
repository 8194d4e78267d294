"""The team plan's content and rules, without a database."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
import yaml

from porchlight.coach import feedback
from porchlight.content.wording import banned_phrase_in, iter_strings
from porchlight.team import engine
from porchlight.team.engine import TEAM_FILE, TeamDataError
from tests.readability import fk_grade


def team_texts() -> list[str]:
    team = engine.load_team()
    return [
        *team.intro,
        *team.evidence,
        *(role.card for role in team.roles),
        *(text for step in team.ladder for text in (step.about, step.do_prompt, step.next_prompt)),
        team.stop_rule,
        *(question.text for question in team.risk_questions),
        *team.professional_first_text,
        *(text for _, text in team.reasons),
        team.act_now_text,
        team.letters.intro,
        team.letters.bottom_line_help,
        team.letters.change_hint,
    ]


def test_content_wording_is_plain() -> None:
    grades = [fk_grade(text) for text in team_texts()]

    assert statistics.median(grades) <= 8
    assert max(grades) <= 10


def test_content_has_no_banned_wording() -> None:
    raw = yaml.safe_load(TEAM_FILE.read_text(encoding="utf-8"))
    found = {path: banned_phrase_in(text) for path, text in iter_strings(raw, "")}

    assert {path: phrase for path, phrase in found.items() if phrase} == {}


def test_content_cites_arise_craft_and_the_johnson_comparison() -> None:
    sources = " ".join(engine.load_team().sources)

    assert "Landau, J." in sources
    assert "Smith, J. E., & Meyers, R. J. (2004)" in sources
    assert "Miller, W. R., Meyers, R. J., & Tonigan, J. S. (1999)" in sources


def test_content_ladder_starts_with_the_lightest_step() -> None:
    ladder = engine.load_team().ladder

    assert [step.id for step in ladder] == ["light", "meetings", "formal"]


def test_content_fills_in_the_loved_ones_name() -> None:
    team = engine.load_team().for_person("Dan")

    assert team.role("asker") is not None
    assert team.role("asker").label == "Asks Dan"  # type: ignore[union-attr]
    assert "{name}" not in " ".join(team_texts_of(team))


def team_texts_of(team: engine.TeamContent) -> list[str]:
    return [*team.intro, *(r.label for r in team.roles), *(q.text for q in team.risk_questions)]


def test_content_missing_a_reason_fails_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "team_plan.yaml"
    text = TEAM_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("    saved_check:", "    not_a_reason:"), encoding="utf-8")

    with pytest.raises(TeamDataError, match=r"team_plan\.yaml: professional_first\.reasons"):
        engine.load_team(broken)


def test_safety_view_without_risks_is_plain() -> None:
    view = engine.safety_view(answered=[])

    assert (view.act_now, view.reasons, view.professional_first) == (False, (), False)


@pytest.mark.parametrize("risk", engine.RISK_IDS)
def test_safety_view_any_risk_answered_asks_for_a_professional_first(risk: str) -> None:
    view = engine.safety_view(answered=[risk])

    assert view.professional_first
    assert view.reasons == (risk,)


@pytest.mark.parametrize(
    ("answers", "risk"),
    [
        ({"violence": "threats"}, "violence"),
        ({"past_attempt": "happened"}, "self_harm"),
        ({"self_harm": "happening"}, "self_harm"),
        ({"psychosis": "without_risk"}, "psychosis"),
        ({"heavy_use": ["heavy_drinking", "benzos"]}, "mixed_substances"),
    ],
)
def test_safety_view_a_saved_check_counts_as_the_circle_knowing(answers: dict, risk: str) -> None:
    view = engine.safety_view(answered=[], checks=[("urgent", answers)])

    assert view.reasons == (risk, "saved_check")
    assert not view.act_now


def test_safety_view_newest_check_at_act_now_puts_act_now_first() -> None:
    view = engine.safety_view(answered=[], checks=[("act_now", {}), ("plan", {})])

    assert view.act_now


def test_safety_view_an_older_act_now_check_does_not() -> None:
    view = engine.safety_view(answered=[], checks=[("plan", {}), ("act_now", {})])

    assert not view.act_now


def test_safety_view_fear_and_a_psychosis_concern_count() -> None:
    view = engine.safety_view(answered=[], concerns=["alcohol", "psychosis"], afraid=True)

    assert view.reasons == ("afraid", "concern_psychosis")


def flags_for(text: str) -> list[tuple[str, str]]:
    guide = engine.load_team().letters
    found = engine.letter_flags(feedback.analyse(text), guide=guide)
    return [(flag.kind, flag.evidence) for flag in found]


def test_letter_with_blame_is_flagged_with_what_to_change() -> None:
    guide = engine.load_team().letters
    found = engine.letter_flags(feedback.analyse("You always ruin everything."), guide=guide)

    assert [flag.kind for flag in found] == ["blaming", "generalizing"]
    assert found[0].evidence == "You always ruin"
    assert found[0].change.startswith("Describe what happened")


def test_letter_with_a_threat_is_flagged() -> None:
    kinds = [kind for kind, _ in flags_for("If you don't stop drinking, I will leave you.")]

    assert "threatening" in kinds


def test_letter_of_love_and_concern_is_not_flagged() -> None:
    text = (
        "Dan, I love you. I remember our walks by the river. "
        "I have seen you tired and sad, and I feel worried. I hope we can talk."
    )

    assert flags_for(text) == []


@pytest.mark.parametrize(
    ("bottom_line", "titles"),
    [
        ("I will stay with my sister if there is drinking in the house.", []),
        ("I won't pay your debts any more.", []),
        ("You must stop or else.", ["A threat or a demand", "Not about what you will do"]),
        ("If you don't go, I'll leave.", ["A threat or a demand", "Not about what you will do"]),
        ("The money stops now.", ["Not about what you will do"]),
    ],
)
def test_bottom_line_must_be_what_i_will_do(bottom_line: str, titles: list[str]) -> None:
    assert [flag.title for flag in engine.bottom_line_flags(bottom_line)] == titles
