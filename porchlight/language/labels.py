"""MI-consistent labels for one sentence: curated patterns plus learned signals.

Patterns live in ``porchlight/content/coach/labels.yaml``. The behaviour
classifier adds what it learned from AnnoMI:

- question form: a sentence that ends with "?" (or that the classifier is
  confident is a question) gets ``open_question`` or ``closed_question``,
  from the patterns when they decide, otherwise from the open/closed head;
- ``reflection`` when the classifier is confident the sentence is a
  reflection and it speaks about the other person ("you");
- ``information`` when the classifier is confident it is therapist input
  (information/advice) and no pattern says otherwise.

A sentence that contains a roadblock keeps only its question-form labels:
"You're so brave, now stop drinking" is not credited as an affirmation.
"""

from __future__ import annotations

import re

from porchlight.language import patterns
from porchlight.language.behaviour import BehaviourPrediction

LABEL_NAMES = (
    "reflection",
    "open_question",
    "closed_question",
    "affirmation",
    "asking_permission",
    "autonomy",
    "i_statement",
    "offering_support",
    "information",
)
QUESTION_LABELS = frozenset({"open_question", "closed_question"})
# Thresholds for the learned signals, set on the dev set
# (benchmarks/data/coach_supporter_dev.jsonl).
REFLECTION_MIN_PROBABILITY = 0.6
INFORMATION_MIN_PROBABILITY = 0.70
# A learned reflection is not added on top of these: "You did a great job" is an
# affirmation and "You get to decide" is autonomy support, though AnnoMI's
# therapists would often have said them as reflections.
_OWN_LABELS = frozenset(
    {
        "affirmation",
        "autonomy",
        "offering_support",
        "asking_permission",
        "i_statement",
        "information",
    }
)

_TRAILING = re.compile(r"[\s\"')\]\u201d\u2019*_~\-.]+$")
_INVITATION = re.compile(
    r"\b(?:tell me|talk to me|help me understand|i wonder|i am wondering|i am curious"
    r"|i would (?:love|like) to (?:hear|know))\b"
)
_YOU = re.compile(r"\byour?\b")
_WH_START = re.compile(
    r"^(?:(?:so|and|okay|ok|well),? )?(?:what|how|why|where|when|which|who|whose)\b"
)
_I_START = re.compile(r"^(?:\w+,? )?(?:i|we|my|our)\b")


def describe(name: str) -> dict:
    return patterns.load_rules("labels.yaml")[0][name]


def ends_with_question(sentence: str) -> bool:
    stripped = _TRAILING.sub("", sentence)
    # emoji and other symbols after the "?" do not change that it is a question
    while stripped and not stripped[-1].isalnum() and stripped[-1] not in "?!.":
        stripped = _TRAILING.sub("", stripped[:-1])
    return stripped.endswith("?")


def find_labels(
    sentence: str,
    prediction: BehaviourPrediction | None,
    has_roadblock: bool,
    canon: patterns.Canonical | None = None,
) -> list[str]:
    canon = canon or patterns.canonical(sentence)
    _, rules = patterns.load_rules("labels.yaml")
    found = {h.category for h in patterns.match(rules, sentence, canon)}
    text = canon.text
    is_question = ends_with_question(sentence)
    if not is_question:
        found -= (
            {"closed_question"} if "open_question" in found else QUESTION_LABELS - {"open_question"}
        )
        if "open_question" in found and not _INVITATION.search(text):
            found.discard("open_question")
    if is_question and not found & QUESTION_LABELS:
        if (
            prediction is not None
            and prediction.behaviour == "question"
            and prediction.question_type
        ):
            found.add(f"{prediction.question_type}_question")
        else:
            found.add("open_question" if _WH_START.search(text) else "closed_question")
    if "open_question" in found and "closed_question" in found:
        found.discard("closed_question")
    if prediction is not None:
        probs = prediction.probabilities
        if (
            not is_question
            and probs["reflection"] >= REFLECTION_MIN_PROBABILITY
            and _YOU.search(text)
            and not _I_START.search(text)
            and not found & _OWN_LABELS
        ):
            found.add("reflection")
        if (
            not is_question
            and probs["therapist_input"] >= INFORMATION_MIN_PROBABILITY
            and not _YOU.search(text)
            and not found
        ):
            found.add("information")
    if is_question:
        found.discard("reflection")
    if has_roadblock:
        found &= QUESTION_LABELS
    return [name for name in LABEL_NAMES if name in found]
