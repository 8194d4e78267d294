"""The shipped models: safe to load, fast, sensible, and equal to their training pipeline."""

from __future__ import annotations

import builtins
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
        "reflect.npz",
        "risk.npz",
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
    # The risk model (n-grams x 20 heads) is the largest: 14.9 MB since seven training
    # writers (6,220 statements; issue #18).
    assert path.stat().st_size < 15_000_000


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


@pytest.fixture
def tcm():
    """The training script (scripts/train_coach_model.py) as a module; needs scikit-learn."""
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_coach_model  # noqa: PLC0415  scripts/ is put on sys.path by this test
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return train_coach_model


@pytest.mark.skipif(not (ANNOMI / "annomi_simple_train.csv").exists(), reason="AnnoMI not here")
def test_numpy_inference_equals_scikit_learn_on_a_small_retrain(tcm, tmp_path):
    utts = [u for u in tcm.load_annomi(ANNOMI) if int(u.transcript_id) < 15]
    # A word weight and temperature other than 1 prove both are folded into the export.
    model = tcm.train(utts, c=0.05, word_weight=2.0, temperature=0.42)
    out = tmp_path / "small.npz"
    tcm.export(model, out, {"note": "test"})
    sample = [u.text for u in utts[:150]] + ["", "You have to stop.", "😀"]
    check = tcm.check_numpy_matches(model, sample, out)
    assert check["mismatches"] == 0
    assert check["max_abs_diff"] < 1e-6


@pytest.mark.parametrize("true_t", [0.4, 1.0, 2.5])
def test_temperature_scaling_recovers_the_temperature_that_made_the_labels(tcm, true_t):
    rng = np.random.default_rng(7)
    scores = rng.normal(0.0, 1.0, size=(6000, 4))
    probs = tcm.softmax(scores / true_t)
    labels = np.array([rng.choice(4, p=p) for p in probs])
    assert tcm.fit_temperature(scores, labels) == pytest.approx(true_t, rel=0.15)


def test_shipped_model_records_how_it_was_made(tcm):
    meta = behaviour.get_classifier().meta
    assert "SVM" in meta["model"]
    assert 0.05 < meta["temperature"] < 5
    assert (meta["C"], meta["word_weight"]) in tcm.GRID
