"""The shipped models: safe to load, fast, sensible, and equal to their training pipeline."""

from __future__ import annotations

import builtins
import importlib.util
import pickle
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from porchlight.language import behaviour, features, roadblocks
from porchlight.language.behaviour import BehaviourClassifier, classify
from porchlight.language.linear import LinearTextModel

MODELS = Path(behaviour.__file__).parent / "models"
ARTIFACTS = sorted(MODELS.glob("*.npz"))
ROOT = Path(__file__).resolve().parents[2]
ANNOMI = ROOT.parent / "shared" / "data" / "annomi"


def test_every_artifact_is_shipped():
    assert {p.name for p in ARTIFACTS} == {
        "coach_behaviour.npz",
        "coach_roadblocks.npz",
        "talk_type.npz",
    }


@pytest.mark.parametrize("path", ARTIFACTS, ids=lambda p: p.name)
def test_artifact_holds_only_plain_arrays(path):
    with zipfile.ZipFile(path) as zf:
        assert all(name.endswith(".npy") for name in zf.namelist())
    with np.load(path, allow_pickle=False) as npz:
        for name in npz.files:
            assert npz[name].dtype != object, name


@pytest.mark.parametrize("path", ARTIFACTS, ids=lambda p: p.name)
def test_artifact_loads_without_unpickling(path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickle must not be used to load a model")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    model = LinearTextModel.load(path)
    assert model.coef.shape[1] == len(model.heads)


@pytest.mark.parametrize("path", ARTIFACTS, ids=lambda p: p.name)
def test_artifact_is_small_enough_for_git(path):
    assert path.stat().st_size < 5_000_000


def test_model_loads_in_under_a_second():
    started = time.perf_counter()
    BehaviourClassifier.load()
    LinearTextModel.load(roadblocks.MODEL_PATH)
    assert time.perf_counter() - started < 1.0


def test_runtime_needs_no_scikit_learn(monkeypatch):
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ImportError("scikit-learn is a training-time dependency only")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    assert BehaviourClassifier.load().classify("How are you?").behaviour == "question"


def test_model_metadata_names_its_training_data_but_holds_no_utterances():
    meta = BehaviourClassifier.load().meta
    assert meta["labels"] == ["question", "reflection", "therapist_input", "other"]
    assert meta["n_transcripts"] == 106
    # the longest vocabulary entries are n-grams (at most three words), never whole utterances
    model = BehaviourClassifier.load().model
    words = max(len(term.split()) for block in model.blocks for term in block.index)
    assert words <= 3


@pytest.mark.parametrize(
    ("sentence", "expected", "question_type"),
    [
        ("How are you feeling about all of this?", "question", "open"),
        ("What would help right now?", "question", "open"),
        ("Do you want to talk later?", "question", "closed"),
        ("Are you okay?", "question", "closed"),
        ("It sounds like you're completely exhausted.", "reflection", None),
        ("You feel like nobody listens to you.", "reflection", None),
        ("Hi.", "other", None),
        ("Mm-hmm.", "other", None),
    ],
)
def test_classify_table(sentence, expected, question_type):
    pred = classify(sentence)
    assert pred.behaviour == expected
    assert pred.question_type == question_type


def test_reflection_gets_a_reflection_type():
    pred = classify("So part of you wants to stop, and part of you isn't sure you can.")
    assert pred.behaviour == "reflection"
    assert pred.reflection_type in ("simple", "complex")


@pytest.mark.parametrize("text", ["", " ", "?", "😀", "x" * 5000, "<script>alert(1)</script>"])
def test_probabilities_are_a_distribution_for_any_input(text):
    pred = classify(text)
    assert set(pred.probabilities) == set(behaviour.LABELS)
    assert sum(pred.probabilities.values()) == pytest.approx(1.0)
    assert pred.behaviour in behaviour.LABELS


def test_classifier_is_loaded_once():
    assert behaviour.get_classifier() is behaviour.get_classifier()


def test_features_are_deterministic_and_lowercased():
    assert features.word_ngrams("You HAVE to") == features.word_ngrams("you have to")
    assert "you have to" in features.word_ngrams("You have to stop.")
    assert "endq" in features.shape_tokens("Why?")
    assert "startwh" in features.shape_tokens("Why?")


@pytest.mark.skipif(not (ANNOMI / "annomi_simple_train.csv").exists(), reason="AnnoMI not here")
@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="no scikit-learn")
def test_numpy_inference_equals_scikit_learn_on_a_small_retrain(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_coach_model as tcm
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    utts = [u for u in tcm.load_annomi(ANNOMI) if int(u.transcript_id) < 15]
    model = tcm.train(utts, c=2.0)
    out = tmp_path / "small.npz"
    tcm.export(model, out, {"note": "test"})
    sample = [u.text for u in utts[:150]] + ["", "You have to stop.", "😀"]
    check = tcm.check_numpy_matches(model, sample, out)
    assert check["mismatches"] == 0
    assert check["max_abs_diff"] < 1e-6
