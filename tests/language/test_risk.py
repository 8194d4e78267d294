"""Tests for the whole risk detector: learned model, rule floor, fail-safe, languages.

The sentences here are our own, written for these tests; none is taken from
the corpus in benchmarks/data/risk/ (the benchmark measures that corpus).
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from porchlight.language import risk, risk_model
from porchlight.language.risk import analyse
from porchlight.language.risk_rules import analyse_rules

SERIOUS = {"act_now", "urgent"}


def test_result_keeps_the_cli_json_contract_for_english_text() -> None:
    data = analyse("my brother says he wants to die and I don't know what to do").to_dict()
    assert set(data) == {"level", "categories", "who", "evidence"}
    assert data["level"] in SERIOUS
    assert "suicide" in data["categories"]
    assert json.loads(json.dumps(data)) == data


def test_nothing_risky_gives_an_empty_result() -> None:
    assert analyse("We had a lovely roast together and walked the dog after.").to_dict() == {
        "level": "none",
        "categories": [],
        "who": "unknown",
        "evidence": [],
    }


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_is_none(text: str) -> None:
    assert analyse(text).level == "none"


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        analyse(None)  # type: ignore[arg-type]


def test_emoji_only_is_a_clear_none_in_english() -> None:
    data = analyse("\U0001f642\U0001f642\U0001f338").to_dict()
    assert data["level"] == "none"
    assert "language" not in data


def test_html_is_read_as_text_and_evidence_points_into_it() -> None:
    text = '<p onclick="x()">he is <b>not breathing</b> and his lips are blue</p>'
    result = analyse(text)
    assert result.level == "act_now"
    for item in result.evidence:
        assert text[item.start : item.end] == item.text


def test_the_module_does_not_import_django() -> None:
    code = "import sys; import porchlight.language.risk; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# The layers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he's not waking up and his lips are blue",
        "he took all his pills an hour ago and now he won't wake up",
    ],
)
def test_an_act_now_rule_finding_is_never_lowered_by_the_model(text: str) -> None:
    assert analyse_rules(text).level == "act_now"
    assert analyse(text).level == "act_now"


@pytest.mark.parametrize(
    "text",
    [
        "he keeps saying he's going to do it",
        "she said goodbye to me in a weird way tonight",
        "he told his mate he won't be around much longer",
        "she keeps talking about ending it",
        "my dad said there's no way out",
    ],
)
def test_unplaced_words_about_dying_are_never_none(text: str) -> None:
    result = analyse(text)
    assert result.level in SERIOUS, result
    assert result.evidence


def test_fail_safe_asks_the_supporter_to_ask_directly() -> None:
    # Pick any text the model does not place at urgent but that holds a fail-safe word.
    text = "he mentioned something about goodbye, not sure what he meant"
    scored = risk_model.model().score(text)
    model_serious = any(s.level in SERIOUS for s in scored)
    result = analyse(text)
    assert result.level in SERIOUS
    unplaced = not model_serious and analyse_rules(text).level not in SERIOUS
    # Asked whenever suicide warning signs stop short of act-now, placed by any layer.
    warning_signs = result.level == "urgent" and "suicide" in result.categories
    assert result.ask_directly is (unplaced or warning_signs)
    if unplaced:
        assert any(e.text.lower() == "goodbye" for e in result.evidence)
        assert set(result.to_dict()) == {"level", "categories", "who", "evidence"}


def test_a_dangerous_sentence_buried_in_an_ordinary_entry_decides_the_level() -> None:
    ordinary = (
        "Busy day. Took the car in for its service and picked up bread on the way back. "
        "The kids had football and it rained the whole time, so everyone came home soaked. "
        "I made soup and we watched a quiz show. "
    )
    danger = "Later he told me he has been looking up the tallest bridges near us. "
    text = ordinary + danger + "Then we all went to bed early."
    result = analyse(text)
    assert result.level == "urgent"
    start = text.index(danger)
    assert any(start <= e.start < start + len(danger) for e in result.evidence)
    assert analyse(ordinary).level == "none"


# ---------------------------------------------------------------------------
# Languages the model was not trained on
# ---------------------------------------------------------------------------


def test_other_language_says_so_and_is_still_screened() -> None:
    data = analyse("Mi hermano dice que quiere morir y no sé qué hacer con él").to_dict()
    assert data["language"] == "unsupported"
    assert data["level"] == "urgent"
    assert data["evidence"][0]["text"].lower().startswith("morir")


def test_other_language_without_risk_words_is_unsupported_not_silently_fine() -> None:
    data = analyse("Wir waren heute zusammen im Park und haben Eis gegessen.").to_dict()
    assert data["language"] == "unsupported"
    assert data["level"] == "none"


def test_other_script_is_unsupported() -> None:
    assert analyse("今日は家族と一緒に公園に行きました").to_dict()["language"] == "unsupported"


@pytest.mark.parametrize(
    "text",
    [
        "ur nan says shes fine but shes not eaten since tues",
        "My husband is drinking too much from many months and he is not listening me.",
        "Our lad's been on the drink again, proper bad this week.",
    ],
)
def test_informal_and_learner_english_is_read_as_english(text: str) -> None:
    assert "language" not in analyse(text).to_dict()


# ---------------------------------------------------------------------------
# The shipped model
# ---------------------------------------------------------------------------


def test_the_shipped_model_loads_without_pickle_and_has_every_head() -> None:
    with np.load(risk_model.MODEL_PATH, allow_pickle=False) as npz:
        assert "coef" in npz
    model = risk_model.model()
    assert set(risk_model.LEVEL_HEADS) <= set(model.heads)
    assert {f"cat:{c}" for c in risk.CATEGORIES} <= set(model.heads)
    assert {"who:loved_one", "who:writer", "who:other"} <= set(model.heads)
    assert 0 < model.thresholds["urgent"] < 1
    assert 0 < model.thresholds["act_now"] < 1


def test_parts_cover_sentences_pairs_and_windows() -> None:
    text = "One. Two two. " + " ".join(["word"] * 60)
    found = risk_model.parts(text)
    spans = {text[p.start : p.end] for p in found}
    assert "One." in spans
    assert "One. Two two." in spans
    assert any(len(s.split()) == risk_model.WINDOW_WORDS for s in spans)
    assert all(text[p.start : p.end].strip() == text[p.start : p.end] for p in found)


# ---------------------------------------------------------------------------
# What the fail-safe and the threat floor step aside for (content/risk/failsafe.yaml)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my uncle says he'll die of embarrassment if we show the wedding video",
        "Grandad is dying to meet the new puppy on Sunday",
        "she said she'd rather die than sit through another school concert",
        "I'm not dying on this hill, pick whichever sofa you like",
        "her laptop died halfway through the essay",
        "He said, \u201cI'm not suicidal, I'm just fed up with the night shifts.\u201d",
        "The nurse wrote that he has no current suicidal ideation and is sleeping well.",
    ],
)
def test_placed_fail_safe_words_do_not_raise_the_fail_safe(text: str) -> None:
    assert risk.failsafe_span(text) is None
    assert analyse(text).layer != "fail-safe"


@pytest.mark.parametrize(
    "text",
    [
        "he said he wants to die",
        "she isn't sure she wants to be here anymore, she said goodbye to the cat",
        "not sure if he is suicidal, he's been giving his things away",
        "I'm not saying he's suicidal but he talks about ending it",
        "she said she'd die if he left her",
    ],
)
def test_unplaced_fail_safe_words_still_count(text: str) -> None:
    assert risk.failsafe_span(text) is not None
    assert analyse(text).level in SERIOUS


def test_a_joked_threat_the_model_places_as_harmless_is_not_a_floor() -> None:
    text = "my sister said she'd kill me if I ate the last biscuit lol"
    assert analyse_rules(text).level == "urgent"
    scored = risk_model.model().score(text)
    if max(s.head("ge_urgent") for s in scored) < risk.JOKE_PLACED_BELOW:
        assert analyse(text).level not in SERIOUS


@pytest.mark.parametrize(
    "text",
    [
        "He said he will kill me if I leave",
        "he said he'll kill me if i leave him lol",
        "she laughed and said she'd stab him next time he came near the kids",
    ],
)
def test_a_threat_is_never_none_even_with_laughter(text: str) -> None:
    assert analyse(text).level in SERIOUS


def test_the_layer_that_set_the_level_is_kept_out_of_the_json() -> None:
    result = analyse("she keeps talking about ending it")
    assert result.layer in {"model", "rules", "fail-safe"}
    assert "layer" not in result.to_dict()
