"""Client talk type of a quote: change talk, sustain talk or neutral.

When a supporter writes down in the journal what their loved one said
("I could go without on weekdays" / "stop going on at me, I'm fine"), this
module marks the quote the way a motivational-interviewing coder marks a
client utterance: ``change`` (desire, ability, reasons, need, commitment or
steps towards change), ``sustain`` (the same, against change) or
``neutral``.

The model is trained by ``scripts/train_talk_model.py`` on the client
utterances of AnnoMI's training portion and shipped as
``models/talk_type.npz``: numbers and an n-gram vocabulary (n-grams seen in
at least two utterances, no utterance text), loaded with
``allow_pickle=False`` so loading never runs code. It is read lazily on the
first call and kept for the life of the process. Inference is numpy only:
the TF-IDF + linear scoring of :class:`porchlight.language.linear.LinearTextModel`
(word 1-3-grams and character 2-5-grams from
:mod:`porchlight.language.features`) followed by a softmax.

Limits, measured by ``benchmarks/talk.py``: the quote is classified on its
own, without the question it answered, and a bag of n-grams reads negation
and irony poorly ("I can quit whenever I want" looks like change talk to it).
Treat the result as a hint with a probability, never as a verdict.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from porchlight.language.linear import LinearTextModel

TalkKind = Literal["change", "neutral", "sustain"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "talk_type.npz"
LABELS: tuple[TalkKind, ...] = ("change", "neutral", "sustain")
MAX_CHARS = 2000  # a longer quote is cut before featurising
# Quotation marks a supporter may put around the words they are quoting.
_WRAPPING = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`"


@dataclass(frozen=True)
class TalkPrediction:
    kind: TalkKind
    probabilities: dict[str, float]

    @property
    def confidence(self) -> float:
        return self.probabilities[self.kind]


NO_SIGNAL = TalkPrediction("neutral", {"change": 0.0, "neutral": 1.0, "sustain": 0.0})


def prepare(text: str) -> str:
    """The text the model sees: cut to ``MAX_CHARS``, without wrapping quotation marks.

    Training applies the same function to AnnoMI utterances.
    """
    return text[:MAX_CHARS].strip(_WRAPPING)


class TalkClassifier:
    def __init__(self, model: LinearTextModel):
        if tuple(model.meta.get("labels", ())) != LABELS or model.heads != LABELS:
            raise ValueError(f"unexpected labels in talk model: {model.meta.get('labels')}")
        self.model = model
        self.meta = model.meta

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TalkClassifier:
        return cls(LinearTextModel.load(path))

    def probabilities(self, text: str) -> dict[str, float] | None:
        """Softmax over the three kinds, or ``None`` when no feature of the text is known."""
        logits = self.model.logits(prepare(text))
        if np.array_equal(logits, self.model.intercept):
            return None  # not one known n-gram: the model has nothing to go on
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return dict(zip(LABELS, (float(v) for v in p), strict=True))

    def classify(self, text: str | None) -> TalkPrediction:
        if text is None:
            return NO_SIGNAL
        if not isinstance(text, str):
            raise TypeError(f"classify_talk expects a str, not {type(text).__name__}")
        if not any(ch.isalnum() for ch in text[:MAX_CHARS]):
            return NO_SIGNAL  # empty, whitespace, punctuation or emoji only
        probs = self.probabilities(text)
        if probs is None:
            return NO_SIGNAL
        kind = max(LABELS, key=lambda lab: probs[lab])
        return TalkPrediction(kind=kind, probabilities=probs)


_classifier: TalkClassifier | None = None
_lock = threading.Lock()


def get_classifier() -> TalkClassifier:
    """The shipped model, loaded on first use and then kept (thread-safe)."""
    global _classifier
    if _classifier is None:
        with _lock:
            if _classifier is None:
                _classifier = TalkClassifier.load(MODEL_PATH)
    return _classifier


def classify_talk(text: str | None) -> TalkPrediction:
    """Change, sustain or neutral talk in what the loved one said.

    Empty input, input with no letters or digits, and ``None`` are neutral
    with probability 1; any other string gets the model's probabilities.
    """
    return get_classifier().classify(text)
