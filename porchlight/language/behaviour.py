"""MI behaviour of one sentence: question, reflection, therapist_input or other.

The model is trained by ``scripts/train_coach_model.py`` on therapist
utterances from AnnoMI (expert-annotated motivational-interviewing
conversations) and shipped as ``models/coach_behaviour.npz``: numbers and an
n-gram vocabulary, loaded with ``allow_pickle=False`` so loading never runs
code. Inference is numpy only: TF-IDF (sublinear TF, per-block L2) over the
tokens from :mod:`porchlight.language.features`, then a linear layer with a
softmax for the main class and two sigmoid heads for the sub-labels.

The classifier sees a sentence on its own, without the conversation around
it (the coach analyses a message the supporter is drafting).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from porchlight.language import embeddings
from porchlight.language.linear import LinearTextModel, sigmoid

MODEL_PATH = Path(__file__).resolve().parent / "models" / "coach_behaviour.npz"
LABELS = ("question", "reflection", "therapist_input", "other")
MAX_CHARS = 2000  # one sentence longer than this is cut before featurising


@dataclass(frozen=True)
class BehaviourPrediction:
    behaviour: str
    probabilities: dict[str, float]
    question_type: str | None = None  # "open" / "closed" when behaviour == "question"
    reflection_type: str | None = None  # "simple" / "complex" when behaviour == "reflection"
    question_open_probability: float = field(default=0.0, compare=False)
    reflection_complex_probability: float = field(default=0.0, compare=False)

    @property
    def confidence(self) -> float:
        return self.probabilities[self.behaviour]


class BehaviourClassifier:
    def __init__(
        self,
        model: LinearTextModel,
        emb_coef: np.ndarray | None = None,
        table: embeddings.StaticEmbeddings | None = None,
    ):
        if tuple(model.meta.get("labels", ())) != LABELS:
            raise ValueError(f"unexpected labels in model: {model.meta.get('labels')}")
        self.model = model
        self.meta = model.meta
        self.emb_coef = None if emb_coef is None else emb_coef.astype(np.float64)
        self.table = table
        if self.emb_coef is not None and (
            table is None or self.emb_coef.shape != (table.dim, len(model.heads))
        ):
            raise ValueError("the model has an embedding block but no matching table")

    @classmethod
    def load(
        cls, path: Path = MODEL_PATH, table: embeddings.StaticEmbeddings | None = None
    ) -> BehaviourClassifier:
        """The model at ``path``; if it has a sentence-embedding block (``emb_coef``), with
        ``table`` or else the shipped static embeddings."""
        with np.load(path, allow_pickle=False) as npz:
            emb_coef = npz["emb_coef"] if "emb_coef" in npz.files else None
        if emb_coef is not None and table is None:
            table = embeddings.get_model()
        return cls(LinearTextModel.load(path), emb_coef, table)

    def logits(self, text: str) -> np.ndarray:
        text = text[:MAX_CHARS]
        out = self.model.logits(text)
        if self.emb_coef is not None and self.table is not None:
            out = out + self.table.encode(text) @ self.emb_coef
        return out

    def scores(self, text: str) -> tuple[dict[str, float], float, float]:
        """Main-class probabilities, P(open | question), P(complex | reflection)."""
        logits = self.logits(text)
        main = logits[: len(LABELS)]
        main = np.exp(main - main.max())
        main /= main.sum()
        q_open = sigmoid(float(logits[len(LABELS)]))
        r_complex = sigmoid(float(logits[len(LABELS) + 1]))
        return dict(zip(LABELS, (float(p) for p in main), strict=True)), q_open, r_complex

    def classify(self, sentence: str) -> BehaviourPrediction:
        probs, q_open, r_complex = self.scores(sentence)
        behaviour = max(LABELS, key=lambda lab: probs[lab])
        return BehaviourPrediction(
            behaviour=behaviour,
            probabilities=probs,
            question_type=("open" if q_open >= 0.5 else "closed")
            if behaviour == "question"
            else None,
            reflection_type=("complex" if r_complex >= 0.5 else "simple")
            if behaviour == "reflection"
            else None,
            question_open_probability=q_open,
            reflection_complex_probability=r_complex,
        )


_model: BehaviourClassifier | None = None
_lock = threading.Lock()


def get_classifier() -> BehaviourClassifier:
    """The shipped model, loaded once per process (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = BehaviourClassifier.load(MODEL_PATH)
    return _model


def classify(sentence: str) -> BehaviourPrediction:
    """Behaviour of one sentence, as an MI coder would label a therapist's utterance."""
    return get_classifier().classify(sentence)
