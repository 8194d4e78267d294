"""The learned part of the risk detector: a linear model over word and character n-grams.

Trained by ``scripts/train_risk_model.py`` (``make model``) on the blind-written
corpus in ``benchmarks/data/risk/`` and shipped as ``models/risk.npz`` (plain
arrays, no pickle). One shared TF-IDF representation feeds independent
logistic heads:

- three ordinal level heads: ``ge_watch`` (watch or worse), ``ge_urgent``
  (urgent or worse) and ``act_now``;
- one head per category (``cat:suicide`` ...), multi-label;
- one head per person at risk (``who:loved_one``, ``who:writer``, ``who:other``).

Long texts are read in parts — each sentence, and windows of neighbouring
sentences or words — because the dangerous sentence is often buried in an
ordinary entry and would be diluted in the whole. The most severe part
decides. Thresholds per level were chosen on writer-grouped out-of-fold scores
of the training corpus and are stored in the model's metadata.

Plain Python and numpy, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from porchlight.language.linear import LinearTextModel
from porchlight.language.sentences import split_sentences

MODEL_PATH = Path(__file__).resolve().parent / "models" / "risk.npz"
LEVEL_HEADS = ("ge_watch", "ge_urgent", "act_now")
# Sentences longer than this many words are read in chunks of WINDOW_STRIDE words.
WINDOW_WORDS = 28
WINDOW_STRIDE = 14
# Texts of at most this many units are also read whole.
WHOLE_UP_TO_UNITS = 3
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Part:
    start: int
    end: int


@dataclass(frozen=True)
class PartScore:
    part: Part
    level: str
    probabilities: dict[str, float]

    def head(self, name: str) -> float:
        return self.probabilities.get(name, 0.0)


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(values, -50.0, 50.0)))


def units(text: str) -> list[Part]:
    """Sentences, with sentences longer than WINDOW_WORDS words cut into chunks of
    WINDOW_STRIDE words (texting often has no full stops)."""
    units: list[Part] = []
    for sentence in split_sentences(text):
        words = [(m.start(), m.end()) for m in _TOKEN.finditer(text, sentence.start, sentence.end)]
        if len(words) <= WINDOW_WORDS:
            units.append(Part(sentence.start, sentence.end))
            continue
        for first in range(0, len(words), WINDOW_STRIDE):
            chunk = words[first : first + WINDOW_STRIDE]
            units.append(Part(chunk[0][0], chunk[-1][1]))
    return units


def parts(text: str) -> list[Part]:
    """What is read: the whole text when it is short, each unit (sentence or chunk),
    and each pair of neighbouring units. The most severe part decides."""
    return [part for part, _ in plan(units(text))]


def plan(units: list[Part]) -> list[tuple[Part, tuple[int, ...]]]:
    """Each part with the indexes of the units it is made of."""
    if not units:
        return []
    planned: list[tuple[Part, tuple[int, ...]]] = []
    if len(units) <= WHOLE_UP_TO_UNITS:
        planned.append((Part(units[0].start, units[-1].end), tuple(range(len(units)))))
    if len(units) > 1:
        planned.extend((unit, (i,)) for i, unit in enumerate(units))
        planned.extend(
            (Part(units[i].start, units[i + 1].end), (i, i + 1)) for i in range(len(units) - 1)
        )
    return list(dict(planned).items())


class RiskModel:
    def __init__(self, linear: LinearTextModel):
        self.linear = linear
        meta = linear.meta
        self.thresholds: dict[str, float] = dict(meta["thresholds"])
        # Urgent and act-now thresholds by the length of the text in units (sentences or
        # chunks): a long entry has many parts, and the most severe of many parts runs
        # high by chance, so longer texts need more to raise an alarm. Each entry holds
        # for texts of at most `up_to` units (None: any length); the last must be None.
        self.by_units: tuple[tuple[int | None, float, float], ...] = tuple(
            (b["up_to"], float(b["urgent"]), float(b["act_now"]))
            for b in meta.get("thresholds_by_units", ())
        )
        if self.by_units and self.by_units[-1][0] is not None:
            raise ValueError("thresholds_by_units must end with an entry for any length")
        self.category_threshold = float(meta["category_threshold"])
        self.heads = linear.heads
        missing = [h for h in LEVEL_HEADS if h not in self.heads]
        if missing:
            raise ValueError(f"risk model lacks level heads {missing}")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RiskModel:
        return cls(LinearTextModel.load(path))

    @property
    def vocabulary(self) -> frozenset[str]:
        block = next(b for b in self.linear.blocks if b.name == "word")
        return frozenset(t for t in block.index if " " not in t)

    def probabilities(self, text: str) -> dict[str, float]:
        values = _sigmoid(self.linear.logits(text))
        return {head: float(value) for head, value in zip(self.heads, values, strict=True)}

    def serious_thresholds(self, n_units: int = 1) -> tuple[float, float]:
        """(urgent, act_now) thresholds for a text of `n_units` units."""
        for up_to, urgent, act_now in self.by_units:
            if up_to is None or n_units <= up_to:
                return urgent, act_now
        return self.thresholds["urgent"], self.thresholds["act_now"]

    def level(self, probabilities: dict[str, float], n_units: int = 1) -> str:
        urgent, act_now = self.serious_thresholds(n_units)
        if probabilities["act_now"] >= act_now:
            return "act_now"
        if probabilities["ge_urgent"] >= urgent:
            return "urgent"
        if probabilities["ge_watch"] >= self.thresholds["watch"]:
            return "watch"
        return "none"

    def score(self, text: str) -> list[PartScore]:
        """Every part of the text with its probabilities and level. N-grams are counted
        once per unit and summed for the parts made of several units."""
        pieces = units(text)
        terms = [self.linear.term_counts(text[u.start : u.end]) for u in pieces]
        scored = []
        for part, members in plan(pieces):
            values = _sigmoid(self.linear.logits_from_terms([terms[i] for i in members]))
            probabilities = {h: float(v) for h, v in zip(self.heads, values, strict=True)}
            scored.append(PartScore(part, self.level(probabilities, len(pieces)), probabilities))
        return scored

    def categories(self, probabilities: dict[str, float]) -> list[str]:
        heads = {h[4:]: p for h, p in probabilities.items() if h.startswith("cat:")}
        chosen = [c for c, p in heads.items() if p >= self.category_threshold]
        if not chosen and heads:
            chosen = [max(heads, key=lambda c: heads[c])]
        return sorted(chosen)

    def who(self, probabilities: dict[str, float]) -> tuple[str, float]:
        heads = {h[4:]: p for h, p in probabilities.items() if h.startswith("who:")}
        if not heads:
            return "unknown", 0.0
        best = max(heads, key=lambda w: heads[w])
        return best, heads[best]


@cache
def model() -> RiskModel:
    """The shipped model, loaded once (MODEL_PATH is read at the first call)."""
    return RiskModel.load(MODEL_PATH)
