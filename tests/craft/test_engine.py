"""content/craft/craft.yaml through the engine: plain Python, no database."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

import pytest

from porchlight.craft import engine
from tests.readability import fk_grade

TODAY = dt.date(2026, 12, 2)


def shown_texts(craft: engine.Craft) -> list[str]:
    texts = []
    for sheet in craft.worksheets:
        texts += [sheet.title, sheet.intro]
        texts += [text for field in sheet.fields for text in (field.label, field.help)]
    options = (*craft.good_moments, *craft.avoid_moments, *craft.option_kinds, *craft.steps)
    texts += [option.label for option in options]
    texts += [item.text for item in craft.evidence]
    return texts


def test_the_content_loads_with_three_worksheets_in_order() -> None:
    craft = engine.load_craft()

    assert [sheet.id for sheet in craft.worksheets] == ["pattern", "rewards", "invitation"]
    assert craft.option_fresh_days == 90


def test_only_the_reward_worksheet_asks_if_it_is_safe() -> None:
    craft = engine.load_craft()

    assert [sheet.id for sheet in craft.worksheets if sheet.asks_if_safe] == ["rewards"]


def test_the_evidence_cites_the_trials_with_their_real_figures() -> None:
    craft = engine.load_craft()
    cited = {source.key for item in craft.evidence for source in item.sources}
    text = " ".join(item.text for item in craft.evidence)

    assert cited == {"miller_1999", "meyers_2002", "kirby_2017", "danish_trial_2022"}
    for figure in ("64 in 100", "30 in 100", "13 in 100", "62 in 100", "29 in 100", "15 in 100"):
        assert figure in text


def test_wording_is_plain() -> None:
    texts = shown_texts(engine.load_craft())
    grades = [fk_grade(text) for text in texts]
    # A grade says little about a two-word title ("The invitation" scores 14.7).
    sentences = [fk_grade(text) for text in texts if len(text.split()) >= 5]

    assert statistics.median(grades) <= 8
    assert max(sentences) <= 10


@pytest.mark.parametrize(
    ("checked_on", "stale"),
    [
        ("2026-09-03", False),  # 90 days ago: still within the window
        ("2026-09-02", True),  # 91 days ago
        ("", True),  # never checked
        ("not a date", True),
    ],
)
def test_an_option_is_stale_after_its_window(checked_on: str, stale: bool) -> None:
    option = {"name": "Clinic", "checked_on": checked_on}

    assert engine.is_stale(option, today=TODAY, fresh_days=90) is stale


def test_the_path_is_in_date_order_and_same_day_steps_in_step_order() -> None:
    craft = engine.load_craft()
    logged = [
        ("first_appointment", dt.date(2026, 11, 3)),
        ("said_yes", dt.date(2026, 11, 1)),
        ("asked", dt.date(2026, 11, 1)),
    ]

    path = engine.path_of(logged, craft)

    assert [(step.label, step.happened_on.day) for step in path] == [
        ("Asked", 1),
        ("Said yes", 1),
        ("Went to a first appointment", 3),
    ]


def test_a_missing_worksheet_fails_naming_the_file(tmp_path: Path) -> None:
    text = engine.CRAFT_FILE.read_text(encoding="utf-8").replace("id: rewards", "id: reward")
    broken = tmp_path / "craft.yaml"
    broken.write_text(text, encoding="utf-8")

    with pytest.raises(engine.CraftDataError, match=r"craft.yaml: worksheets: must be"):
        engine.load_craft(broken)
