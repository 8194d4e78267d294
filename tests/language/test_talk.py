"""The client-talk classifier: safe to load, lazy, sensible on family quotes, never crashes."""

from __future__ import annotations

import builtins
import importlib.util
import math
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from porchlight.language import behaviour, talk
from porchlight.language.linear import LinearTextModel
from porchlight.language.talk import LABELS, NO_SIGNAL, TalkClassifier, classify_talk

ROOT = Path(__file__).resolve().parents[2]
ANNOMI = ROOT.parent / "shared" / "data" / "annomi"

# No example database: keep the work tree clean and runs reproducible.
PROPERTY = settings(max_examples=300, deadline=None, database=None)


# --- the artifact -------------------------------------------------------------


def test_artifact_is_small_and_holds_only_plain_arrays():
    assert talk.MODEL_PATH.stat().st_size < 3_000_000
    with zipfile.ZipFile(talk.MODEL_PATH) as zf:
        assert all(name.endswith(".npy") for name in zf.namelist())
    with np.load(talk.MODEL_PATH, allow_pickle=False) as npz:
        for name in npz.files:
            assert npz[name].dtype != object, name


def test_artifact_loads_without_unpickling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickle must not be used to load a model")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    clf = TalkClassifier.load()
    assert clf.model.heads == LABELS
    assert clf.model.coef.shape[1] == 3


def test_metadata_names_its_training_data_but_holds_no_utterances():
    clf = TalkClassifier.load()
    assert clf.meta["labels"] == ["change", "neutral", "sustain"]
    assert clf.meta["n_transcripts"] == 106
    assert clf.meta["n_utterances"] == 3767
    assert clf.meta["min_df"] >= 2  # only n-grams seen in at least two utterances
    assert {b.name for b in clf.model.blocks} == {"word", "char"}
    longest = max(len(term.split()) for block in clf.model.blocks for term in block.index)
    assert longest <= 3


def test_wrong_labels_are_refused():

    with pytest.raises(ValueError, match="unexpected labels"):
        TalkClassifier(LinearTextModel.load(behaviour.MODEL_PATH))


def test_runtime_needs_no_scikit_learn(monkeypatch):
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ImportError("scikit-learn is a training-time dependency only")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    assert TalkClassifier.load().classify("I'm not an alcoholic").kind == "sustain"


def test_model_is_loaded_lazily_and_once():
    code = (
        "from porchlight.language import talk\n"
        "assert talk._classifier is None, 'loaded at import'\n"
        "first = talk.classify_talk('okay')\n"
        "assert talk._classifier is not None\n"
        "assert talk.get_classifier() is talk.get_classifier()\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    assert talk.get_classifier() is talk.get_classifier()


# --- family quotes (our own sentences, not AnnoMI) ------------------------------


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("I really want to stop drinking", "change"),
        ("maybe I could have a few dry days during the week", "change"),
        ("I want to get healthy again for the kids", "change"),
        ("I'd like to try going to a support group", "change"),
        ("I need to do something about my drinking", "change"),
        ("I'm going to cut down to weekends only", "change"),
        ("I don't have a problem, all my friends drink", "sustain"),
        ("I'm not an alcoholic", "sustain"),
        ("I don't want to stop, it helps me relax", "sustain"),
        ("I enjoy it and I'm not giving it up", "sustain"),
        ("okay", "neutral"),
        ("yeah", "neutral"),
        ("did you call your sister", "neutral"),
        ("what's on TV tonight", "neutral"),
        ("it's cold outside", "neutral"),
    ],
)
def test_family_quotes(quote, expected):
    assert classify_talk(quote).kind == expected


# Known misses, kept visible: a bag of n-grams weighs "don't know how" over
# "I have to quit", and reads "reason to cut back" as change. strict=True makes
# a future model that gets them right fail here, so the list gets updated.
@pytest.mark.xfail(strict=True, reason="known limitation of the single-utterance n-gram model")
@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("i know i have to quit, i just don't know where to start", "change"),
        ("I don't see any reason to cut back", "sustain"),
        ("I'll pick the kids up at three", "neutral"),
    ],
)
def test_known_misses(quote, expected):
    assert classify_talk(quote).kind == expected


def test_quotation_marks_around_a_quote_do_not_matter():
    bare = classify_talk("I'm not an alcoholic")
    for wrapped in (
        '"I\'m not an alcoholic"',
        "\u201cI'm not an alcoholic\u201d",
        " 'I'm not an alcoholic' ",
    ):
        assert classify_talk(wrapped) == bare


# --- empty and odd input --------------------------------------------------------


@pytest.mark.parametrize("text", [None, "", " ", "\n\t", "?!", "...", "😀🍺", "\ud800", "\x00"])
def test_empty_or_wordless_input_is_neutral(text):
    assert classify_talk(text) == NO_SIGNAL
    assert classify_talk(text).kind == "neutral"
    assert classify_talk(text).confidence == 1.0


def test_text_without_a_known_ngram_is_neutral():
    assert classify_talk("\u65e5\u672c\u8a9e") == NO_SIGNAL


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        classify_talk(42)  # type: ignore[arg-type]


def test_long_input_is_cut_to_max_chars():
    head = "I want to stop drinking, I really do. " * 60
    assert len(head) > talk.MAX_CHARS
    assert classify_talk(head) == classify_talk(head[: talk.MAX_CHARS])


def assert_valid(text: str | None) -> None:
    pred = classify_talk(text)
    assert pred.kind in LABELS
    assert tuple(pred.probabilities) == LABELS
    assert all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in pred.probabilities.values())
    assert sum(pred.probabilities.values()) == pytest.approx(1.0)
    assert pred.probabilities[pred.kind] == max(pred.probabilities.values())
    assert classify_talk(text) == pred  # deterministic


@PROPERTY
@given(st.text())
def test_any_unicode_text_gives_a_valid_prediction(text: str) -> None:
    assert_valid(text)


SURROGATES_AND_CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\ud800", "\udfff", "\u200b", "\u202e", "\ufeff", "\U0010ffff", "\u0301"]
)
WORDS = st.sampled_from(
    ["i", "want", "to", "stop", "not", "don't", "drink", "problem", ",", ".", "?", '"', "\u201c"]
)


@PROPERTY
@given(st.lists(WORDS | SURROGATES_AND_CONTROLS | st.text(max_size=3), max_size=60).map(" ".join))
def test_words_mixed_with_odd_characters_give_a_valid_prediction(text: str) -> None:
    assert_valid(text)


# --- the shipped numpy inference equals the training pipeline --------------------


@pytest.mark.skipif(not (ANNOMI / "annomi_simple_train.csv").exists(), reason="AnnoMI not here")
@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="no scikit-learn")
def test_numpy_inference_equals_scikit_learn_on_a_small_retrain(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_talk_model as ttm  # noqa: PLC0415  scripts/ is put on sys.path by this test
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    utts = [u for u in ttm.load_client_utterances(ANNOMI) if int(u.transcript_id) < 20]
    texts, y, _ = ttm.arrays(utts)
    assert set(y) == set(LABELS)
    model = ttm.train(texts, y, c=1.0)
    out = tmp_path / "small.npz"
    ttm.export(model, out, {"note": "test"})
    sample = [u.text for u in utts[:150]] + ["", "I could stop.", '"No."', "😀"]
    check = ttm.check_numpy_matches(model, sample, out)
    assert check["mismatches"] == 0
    assert check["max_abs_diff"] < 1e-6
