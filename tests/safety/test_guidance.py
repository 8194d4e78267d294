"""The Get help now guidance blocks: present, sourced, safely worded and easy to read."""

from __future__ import annotations

import copy
import dataclasses
import statistics
from pathlib import Path
from typing import Any

import pytest
import yaml

from porchlight.content.wording import banned_phrase_in
from porchlight.safety.guidance import (
    GUIDANCE_FILE,
    MAX_STEPS,
    MIN_STEPS,
    REQUIRED_BLOCKS,
    GuidanceDataError,
    block,
    blocks,
    blocks_for,
    help_page_blocks,
    load_guidance,
)
from tests.readability import WORD, count_syllables, fk_grade

# --------------------------------------------------------------------------- readability


def test_syllable_estimate_is_sensible() -> None:
    assert [count_syllables(w) for w in ["call", "emergency", "breathing", "naloxone", "safe"]] == [
        1,
        4,
        2,
        3,
        1,
    ]
    assert fk_grade("Call now. Stay with them.") < 2
    assert (
        fk_grade(
            "Notwithstanding considerable institutional heterogeneity, comprehensive "
            "pharmacological interventions necessitate individualized multidisciplinary evaluation."
        )
        > 16
    )


# --------------------------------------------------------------------------- the real file


def block_text(item: Any) -> str:
    return " ".join([*item.steps, item.hope])


def test_all_five_blocks_are_present_in_page_order() -> None:
    ids = [item.id for item in blocks()]

    assert ids[: len(REQUIRED_BLOCKS)] == list(REQUIRED_BLOCKS)
    assert set(REQUIRED_BLOCKS) == {
        "suicide_now",
        "overdose",
        "withdrawal",
        "violence",
        "me_struggling",
    }


@pytest.mark.parametrize("block_id", REQUIRED_BLOCKS)
def test_each_block_has_steps_hope_and_a_source(block_id: str) -> None:
    item = block(block_id)

    assert item.title
    assert MIN_STEPS <= len(item.steps) <= MAX_STEPS
    assert all(step.endswith((".", "!")) for step in item.steps), "steps are full sentences"
    assert item.hope
    assert item.sources
    assert all(s.title and s.url.startswith("https://") for s in item.sources)


@pytest.mark.parametrize("block_id", REQUIRED_BLOCKS)
def test_steps_are_short_and_action_first(block_id: str) -> None:
    for step in block(block_id).steps:
        assert len(WORD.findall(step)) <= 30, step
    first = block(block_id).steps[0]
    assert first.split()[0] in {"Call", "Get", "If"}, first


def test_no_banned_or_stigmatizing_phrases_anywhere_in_the_file() -> None:
    raw = GUIDANCE_FILE.read_text(encoding="utf-8")
    body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))

    for line in body.splitlines():
        assert banned_phrase_in(line) is None, line
    assert "committed suicide" not in body.lower()
    assert "commit suicide" not in body.lower()


def test_crisis_lines_are_said_to_help_people_worried_about_someone_else() -> None:
    text = " ".join(block_text(item) for item in blocks()).lower()

    assert "worried about someone else" in text


def test_each_emergency_block_sends_people_to_their_local_emergency_number() -> None:
    for block_id in ("suicide_now", "overdose", "withdrawal", "violence", "me_struggling"):
        assert "local emergency number" in block_text(block(block_id)), block_id


def test_overdose_block_covers_the_essentials() -> None:
    text = block_text(block("overdose")).lower()

    for needed in ("emergency number", "naloxone", "stay with them", "on their side", "took"):
        assert needed in text, needed


def test_withdrawal_block_never_advises_stopping_abruptly() -> None:
    text = block_text(block("withdrawal")).lower()

    assert "do not tell someone to stop" in text
    assert "doctor" in text
    assert "seizure" in text


def test_violence_block_puts_safety_before_the_call() -> None:
    steps = block("violence").steps

    assert "safe place" in steps[0]
    assert "emergency number" in steps[1]


def test_readability_median_grade_is_at_most_8() -> None:
    grades = [fk_grade(block_text(item)) for item in blocks()]

    assert statistics.median(grades) <= 8, grades
    assert max(grades) <= 10, grades


def test_loader_is_cached_and_blocks_are_frozen() -> None:
    assert load_guidance() is load_guidance()
    with pytest.raises(dataclasses.FrozenInstanceError):
        blocks()[0].title = "changed"  # type: ignore[misc]


# --------------------------------------------------------------------------- broken files


def write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    path = tmp_path / "help_guidance.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(GUIDANCE_FILE.read_text(encoding="utf-8")))


def test_banned_phrase_matcher() -> None:
    assert banned_phrase_in("He Committed Suicide last year") == "committed suicide"
    assert banned_phrase_in("Addiction medicine can help") is None
    assert banned_phrase_in("She died by suicide") is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["blocks"].pop(1), r"missing required blocks: \['overdose'\]"),
        (lambda r: r["blocks"][0].update(steps=[]), r"block 'suicide_now': has 0 steps"),
        (lambda r: r["blocks"][0].update(steps=["Call."] * 7), r"'suicide_now': has 7 steps"),
        (lambda r: r["blocks"][2].update(sources=[]), r"block 'withdrawal': sources must list"),
        (
            lambda r: r["blocks"][3]["sources"][0].update(url="http://example.org"),
            r"block 'violence': sources\[0\]: url must start with https://",
        ),
        (lambda r: r["blocks"][4].pop("hope"), r"block 'me_struggling': hope must be"),
        (
            lambda r: r["blocks"][0].update(hope="Her brother committed suicide."),
            r"blocks\[0\]\.hope: uses 'committed suicide'",
        ),
        (lambda r: r["blocks"].append(r["blocks"][0]), r"block ids repeat: \['suicide_now'\]"),
    ],
    ids=[
        "missing-block",
        "no-steps",
        "too-many-steps",
        "no-sources",
        "insecure-url",
        "no-hope",
        "banned-phrase",
        "duplicate-id",
    ],
)
def test_broken_files_fail_loudly(tmp_path: Path, raw: dict[str, Any], mutate, message) -> None:  # type: ignore[no-untyped-def]
    mutate(raw)

    with pytest.raises(GuidanceDataError, match=message):
        load_guidance(write(tmp_path, raw))


def test_overdose_block_has_the_second_dose_rescue_breaths_and_wearing_off() -> None:
    text = block_text(block("overdose"))

    assert "If they do not respond after 2 to 3 minutes, give a second dose." in text
    assert "give rescue breaths" in text
    assert "Naloxone can wear off before the drug does" in text


def test_seizure_block_follows_first_aid() -> None:
    text = block_text(block("seizure"))

    for needed in (
        "more than 5 minutes",
        "Time the seizure",
        "Do not hold them down.",
        "Do not put anything in their mouth.",
        "roll them onto their side",
    ):
        assert needed in text, needed


def test_alcohol_poisoning_and_withdrawal_timing() -> None:
    assert "Do not leave them to sleep it off." in block_text(block("alcohol_poisoning"))
    assert "within hours to days" in block_text(block("withdrawal"))


def test_means_safety_is_steps_never_methods() -> None:
    text = block_text(block("means_safety")).lower()

    for step in ("keep it away from the home", "lock", "small amounts of medicines", "keys"):
        assert step in text, step
    for method in ("overdose on", "how many", "lethal dose", "hang", "jump"):
        assert method not in text, method


def test_every_block_is_plain_sourced_and_sized() -> None:
    for item in blocks():
        assert MIN_STEPS <= len(item.steps) <= MAX_STEPS, item.id
        assert all(len(WORD.findall(step)) <= 30 for step in item.steps), item.id
        assert item.sources, item.id
        assert item.hope, item.id


def test_help_page_shows_the_first_aid_blocks_but_not_the_triage_only_ones() -> None:
    shown = [item.id for item in help_page_blocks()]

    assert shown[: len(REQUIRED_BLOCKS)] == list(REQUIRED_BLOCKS)
    assert {"ask_directly", "seizure", "alcohol_poisoning"} <= set(shown)
    assert not {"means_safety", "home_safety", "mania", "tolerance_naloxone"} & set(shown)


def test_safety_first_results_leave_out_blocks_that_say_stay_near_them() -> None:
    ids = ("violence", "suicide_now", "overdose")

    assert [b.id for b in blocks_for(ids, safety_first=True)] == ["violence"]
    assert [b.id for b in blocks_for(ids, safety_first=False)] == list(ids)
