"""Gordon's roadblocks to communication: curated patterns plus a learned signal.

1. Patterns in ``porchlight/content/coach/roadblocks.yaml`` (content as data;
   see :mod:`porchlight.language.patterns` for the syntax). They give the
   evidence shown to the user and are precise, but only catch phrasings
   someone thought of.
2. A small learned model (``models/coach_roadblocks.npz``: TF-IDF word and
   character n-grams, one logistic-regression head for "any roadblock" and
   one per roadblock) trained on our own labelled supporter sentences
   (``benchmarks/data/coach_supporter_dev.jsonl``). It catches new phrasings.

How they combine (thresholds chosen on a validation split, see
benchmarks/coach.py): when no pattern fires, the sentence gets a roadblock if
P(any) >= ``ANY_THRESHOLD`` (``CLEAN_THRESHOLD`` when a clean-label pattern
such as an affirmation or an offer of help fires), named by the heads at or
above ``CATEGORY_THRESHOLD`` (or the single most likely one). When patterns
fire, heads at or above ``EXTRA_THRESHOLD`` add further names. A learned
roadblock has no exact evidence, so its evidence is the whole sentence.

A sentence can carry several roadblocks ("If you don't stop, I'm leaving" is
threatening; "You're an alcoholic, just admit it" is labeling and ordering).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from porchlight.language import patterns
from porchlight.language.linear import LinearTextModel, sigmoid

ROADBLOCK_NAMES = (
    "ordering",
    "threatening",
    "moralizing",
    "advising",
    "arguing",
    "blaming",
    "generalizing",
    "labeling",
    "sarcasm",
    "dismissing",
    "interrogating",
)
# When a sentence has several, the first in this order leads the note and suggestions:
# the ones that hurt most come first.
PRIORITY = (
    "threatening",
    "labeling",
    "blaming",
    "sarcasm",
    "moralizing",
    "dismissing",
    "ordering",
    "arguing",
    "interrogating",
    "generalizing",
    "advising",
)


MODEL_PATH = Path(__file__).resolve().parent / "models" / "coach_roadblocks.npz"
ANY_THRESHOLD = 0.5
CLEAN_THRESHOLD = 0.9
CATEGORY_THRESHOLD = 0.4
EXTRA_THRESHOLD = 0.7
# An open question such as "How do you see it?" is what MI asks for; the learned
# model alone must be very sure before calling one a roadblock.
_CLEAN_LABELS = frozenset(
    {
        "open_question",
        "reflection",
        "affirmation",
        "asking_permission",
        "autonomy",
        "offering_support",
        "i_statement",
        "information",
    }
)


@dataclass(frozen=True)
class Roadblock:
    name: str
    title: str
    evidence: str  # the words that triggered it, as the user wrote them
    start: int  # offsets in the sentence
    end: int
    action: str | None = None  # what they were told to do, when the pattern captured it
    source: str = "pattern"  # "pattern" or "model"
    probability: float | None = None  # the learned head's probability, when it was consulted


def _rules() -> tuple[dict, tuple[patterns.Rule, ...]]:
    meta, rules = patterns.load_rules("roadblocks.yaml")
    unknown = set(meta) - set(ROADBLOCK_NAMES)
    if unknown:
        raise ValueError(f"unknown roadblocks in roadblocks.yaml: {sorted(unknown)}")
    return meta, rules


def describe(name: str) -> dict:
    """Title, plain description and "how it may land" note for a roadblock."""
    return _rules()[0][name]


_model: LinearTextModel | None = None
_lock = threading.Lock()


def get_model() -> LinearTextModel:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                model = LinearTextModel.load(MODEL_PATH)
                if model.heads != ("any", *ROADBLOCK_NAMES):
                    raise ValueError(f"unexpected heads in {MODEL_PATH.name}: {model.heads}")
                _model = model
    return _model


def learned_probabilities(sentence: str) -> dict[str, float]:
    """P(any roadblock) and P(each roadblock) from the learned model."""
    model = get_model()
    logits = model.logits(sentence[:2000])
    return {head: sigmoid(float(v)) for head, v in zip(model.heads, logits, strict=True)}


def _looks_clean(sentence: str, canon: patterns.Canonical) -> bool:
    _, rules = patterns.load_rules("labels.yaml")
    return any(h.category in _CLEAN_LABELS for h in patterns.match(rules, sentence, canon))


USE_LEARNED = True  # benchmarks switch this off to measure the patterns alone


def find_roadblocks(
    sentence: str, canon: patterns.Canonical | None = None, learned: bool | None = None
) -> list[Roadblock]:
    canon = canon or patterns.canonical(sentence)
    meta, rules = _rules()
    hits = patterns.match(rules, sentence, canon)
    found = {
        h.category: Roadblock(
            h.category, meta[h.category]["title"], h.evidence, h.start, h.end, h.action
        )
        for h in hits
    }
    if USE_LEARNED if learned is None else learned:
        probs = learned_probabilities(sentence)
        whole = sentence.strip()
        start = sentence.find(whole) if whole else 0

        def add(name: str) -> None:
            found[name] = Roadblock(
                name, meta[name]["title"], whole, start, start + len(whole),
                source="model", probability=round(probs[name], 3),
            )  # fmt: skip

        if found:
            for name in ROADBLOCK_NAMES:
                if name not in found and probs[name] >= EXTRA_THRESHOLD:
                    add(name)
        else:
            threshold = CLEAN_THRESHOLD if _looks_clean(sentence, canon) else ANY_THRESHOLD
            if probs["any"] >= threshold:
                names = [n for n in ROADBLOCK_NAMES if probs[n] >= CATEGORY_THRESHOLD]
                for name in names or [max(ROADBLOCK_NAMES, key=lambda n: probs[n])]:
                    add(name)
    return sorted(found.values(), key=lambda r: PRIORITY.index(r.name))
