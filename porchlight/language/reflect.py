"""How good is a reflection? Grade a supporter's reply to what their loved one said.

A reflection says back what the other person means, as a statement, not a
question or advice. Motivational interviewing (MI) tells two kinds apart:

- ``2`` complex: it adds meaning under the words, a feeling, a value, a wish,
  both sides of a mixed feeling ("You want to protect your mum, and the side
  effects still worry you").
- ``1`` simple: it says back the words, or nearly ("You don't want the vaccine").
- ``0`` not a reflection, or a poor one: advice, a question, arguing, reassurance.

:func:`grade` takes the prompt (what the loved one said) and the reply and returns a
:class:`Verdict` with the grade, a ``score`` that ranks replies to the same prompt
(higher is a better reflection; the expected grade, 0 to 2) and a plain-language
``why`` with, below 2, what would make the reply a complex reflection.

The model (``models/reflect.npz``, trained by ``scripts/train_reflect_model.py``
on the PAIR data: expert-graded counsellor replies, Apache-2.0) is a 3-class
logistic regression over two parts:

1. TF-IDF word 1-3-grams and the coach's shape cues of the reply
   (:class:`porchlight.language.linear.LinearTextModel`, no reply text shipped:
   only n-grams seen in at least two replies);
2. pair features of prompt and reply (:func:`pair_features`): how much of the reply
   restates the prompt's words and how much is new, reflective stems, feeling words,
   questions, advice and the reply's MI behaviour and roadblock probabilities from
   the coach's own models. They are standardised with the training mean and scale
   stored in the file.

Two rules sit on top of the model: a reply that opens with advice ("You should
...") is graded 0 whatever it repeats, and a reply that does not look like English
is not graded (quality 0, score 0, and ``why`` says so).

Loading uses ``allow_pickle=False``; inference is numpy only. Figures are in
``benchmarks/reflect.py`` (cross-validated by prompt).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from porchlight.language import behaviour, features, roadblocks
from porchlight.language.linear import LinearTextModel

MODEL_PATH = Path(__file__).resolve().parent / "models" / "reflect.npz"
QUALITIES = (0, 1, 2)
HEADS = ("poor", "simple", "complex")
MAX_CHARS = 2000  # prompt and reply are each cut to this before featurising

# --- words -------------------------------------------------------------------

_STOP = frozenset(
    (
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "here's",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "how's",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "let's",
        "me",
        "more",
        "most",
        "mustn't",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasn't",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "when's",
        "where",
        "where's",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "why",
        "why's",
        "with",
        "won't",
        "would",
        "wouldn't",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "just",
        "really",
        "also",
        "like",
        "get",
        "got",
        "go",
        "going",
        "know",
        "think",
        "want",
        "feel",
        "one",
        "thing",
        "things",
        "lot",
        "much",
        "even",
        "still",
        "well",
        "yeah",
        "yes",
        "okay",
        "ok",
        "oh",
    )
)
_YOU = frozenset({"you", "you're", "your", "you've", "you'd", "you'll", "yourself", "youre"})
_SELF = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "us"})
FEELINGS = frozenset(
    (
        "afraid",
        "alone",
        "angry",
        "annoyed",
        "anxious",
        "ashamed",
        "betrayed",
        "burden",
        "burdened",
        "care",
        "cares",
        "caring",
        "concern",
        "concerned",
        "confident",
        "confused",
        "conflicted",
        "desperate",
        "disappointed",
        "discouraged",
        "embarrassed",
        "exhausted",
        "fear",
        "fears",
        "frightened",
        "frustrated",
        "frustrating",
        "frustration",
        "guilt",
        "guilty",
        "happy",
        "hard",
        "helpless",
        "hope",
        "hopeful",
        "hopeless",
        "hurt",
        "important",
        "insecure",
        "irritated",
        "isolated",
        "jealous",
        "lonely",
        "lost",
        "love",
        "matter",
        "matters",
        "nervous",
        "overwhelmed",
        "overwhelming",
        "pain",
        "painful",
        "pressure",
        "proud",
        "relief",
        "relieved",
        "resent",
        "sad",
        "scared",
        "scary",
        "shame",
        "stressed",
        "stress",
        "stressful",
        "struggle",
        "struggling",
        "stuck",
        "tired",
        "torn",
        "trapped",
        "uncertain",
        "uncomfortable",
        "unfair",
        "unhappy",
        "unsure",
        "upset",
        "value",
        "values",
        "worried",
        "worries",
        "worry",
        "worrying",
        "wish",
        "wishes",
        "wonder",
        "wondering",
        "difficult",
        "tough",
        "priority",
        "priorities",
        "responsible",
        "responsibility",
        "safe",
        "safety",
        "control",
        "independence",
        "freedom",
        "enjoy",
    )
)
_REFLECTIVE = re.compile(
    r"\b(it sounds like|sounds like|it seems|seems like|you feel|you're feeling|you are feeling"
    r"|you felt|part of you|on one hand|on the other hand|you're worried|you are worried"
    r"|you're concerned|you are concerned|you're wondering|you wonder|you're not sure"
    r"|you are not sure|you don't want|you do not want|you want|you'd like|you would like"
    r"|you've been|you have been|it's hard|it is hard|it's important|it is important"
    r"|matters to you|important to you|you care|you value|you're afraid|you are afraid"
    r"|you're scared|you're frustrated|you are frustrated|you're tired|you are tired"
    r"|what you're saying|you're saying|you are saying|you mean|you believe|you think"
    r"|you're trying|you are trying|you've tried|you have tried)\b"
)
_TWO_SIDED = re.compile(
    r"\b(but|yet|although|though|while|even though|at the same time|on the other hand|and also)\b"
)
_ADVICE = re.compile(
    r"\b(you should|you shouldn't|you need to|you have to|you must|you ought|try to|try and"
    r"|why don't you|why not|i suggest|i'd suggest|i would suggest|i recommend|i'd recommend"
    r"|i think you|let me|make sure|don't worry|you could try|consider|it's best|it is best"
    r"|the best thing|it would be good|it'd be good|you'd better|you had better|have you tried"
    r"|have you thought|what if you|how about|trust|listen to|follow)\b"
)
_ARGUE = re.compile(
    r"\b(actually|however|the truth|the fact|in fact|no evidence|not true|that's not|that is not"
    r"|there's no|there is no|that's a myth|rumou?r|wrong|nonsense|ridiculous|safe|proven"
    r"|research shows|studies show|science)\b"
)
_REASSURE = re.compile(
    r"\b(don't worry|it'll be fine|it will be fine|it's okay|it is okay|everything will|you'll be"
    r" fine|i understand|i know how|i can imagine|i'm sure|i am sure|i'm sorry|good for you"
    r"|great|that's good|well done)\b"
)
_IMPERATIVE = frozenset(
    (
        "stop",
        "try",
        "trust",
        "follow",
        "get",
        "make",
        "go",
        "take",
        "think",
        "consider",
        "listen",
        "remember",
        "don't",
        "do",
        "just",
        "keep",
        "start",
        "call",
        "see",
        "talk",
        "ask",
        "read",
        "tell",
        "give",
        "let",
        "please",
        "avoid",
        "quit",
        "eat",
        "drink",
    )
)
_STEM_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")


def _stem(word: str) -> str:
    word = word.replace("'", "")
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    return [w for w in features.words(features.normalise(text)) if w != "?"]


def _content(ws: list[str]) -> list[str]:
    return [_stem(w) for w in ws if w not in _STOP and len(w) > 2 and not w.isdigit()]


def _longest_common_run(a: list[str], b: list[str]) -> int:
    """The longest run of words the reply copies from the prompt, in order."""
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _bigrams(ws: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(ws))


# --- pair features -----------------------------------------------------------

DENSE_NAMES: tuple[str, ...] = (
    "reply_words_log",
    "prompt_words_log",
    "length_ratio_log",
    "reply_sentences",
    "copied_share",  # share of the reply's content words found in the prompt
    "covered_share",  # share of the prompt's content words the reply says back
    "new_content_log",  # content words the reply adds
    "bigram_copied_share",
    "longest_copy_share",
    "cosine",
    "questions",
    "ends_with_question",
    "starts_with_you",
    "starts_imperative",
    "reflective_stems",
    "two_sided",
    "feeling_words",
    "new_feeling_words",
    "advice",
    "argue",
    "reassure",
    "you_share",
    "self_share",
    "behaviour_question",
    "behaviour_reflection",
    "behaviour_therapist_input",
    "behaviour_other",
    "behaviour_complex",
    "sentence_question_share",
    "sentence_reflection_share",
    "sentence_input_share",
    *(f"roadblock_{name}" for name in ("any", *roadblocks.ROADBLOCK_NAMES)),
)


def pair_features(prompt: str, reply: str) -> np.ndarray:
    """The dense features of one (prompt, reply) pair, in ``DENSE_NAMES`` order."""
    prompt, reply = prompt[:MAX_CHARS], reply[:MAX_CHARS]
    pw, rw = _words(prompt), _words(reply)
    pc, rc = _content(pw), _content(rw)
    pset, rset = set(pc), set(rc)
    norm = features.normalise(reply)
    n_r = max(len(rw), 1)
    new = [w for w in rc if w not in pset]
    copied = (len(rc) - len(new)) / len(rc) if rc else 0.0
    covered = len(pset & rset) / len(pset) if pset else 0.0
    rb, pb = _bigrams(rw), _bigrams(pw)
    cosine = len(pset & rset) / math.sqrt(len(pset) * len(rset)) if pset and rset else 0.0
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", reply.strip()) if s.strip()]
    feel = [w for w in rw if w in FEELINGS]
    p_feel = {w for w in pw if w in FEELINGS}
    probs, _, r_complex = behaviour.get_classifier().scores(reply)
    per_sentence = [behaviour.get_classifier().scores(s)[0] for s in sentences[:8]]
    n_s = max(len(per_sentence), 1)

    def share(label: str) -> float:
        return sum(1 for p in per_sentence if max(p, key=p.__getitem__) == label) / n_s

    rb_probs = roadblocks.learned_probabilities(reply)
    values = [
        math.log1p(len(rw)),
        math.log1p(len(pw)),
        math.log((len(rw) + 1) / (len(pw) + 1)),
        min(len(sentences), 5),
        copied,
        covered,
        math.log1p(len(new)),
        len(rb & pb) / len(rb) if rb else 0.0,
        _longest_common_run(pw[:300], rw[:300]) / n_r,
        cosine,
        min(reply.count("?"), 3),
        float(norm.rstrip(" .!").endswith("?")),
        float(bool(rw) and rw[0] in _YOU),
        float(bool(rw) and rw[0] in _IMPERATIVE),
        min(len(_REFLECTIVE.findall(norm)), 3),
        min(len(_TWO_SIDED.findall(norm)), 3),
        min(len(feel), 4),
        min(len([w for w in feel if w not in p_feel]), 4),
        min(len(_ADVICE.findall(norm)), 3),
        min(len(_ARGUE.findall(norm)), 3),
        min(len(_REASSURE.findall(norm)), 3),
        sum(1 for w in rw if w in _YOU) / n_r,
        sum(1 for w in rw if w in _SELF) / n_r,
        *(probs[label] for label in behaviour.LABELS),
        r_complex,
        share("question"),
        share("reflection"),
        share("therapist_input"),
        *(rb_probs[name] for name in ("any", *roadblocks.ROADBLOCK_NAMES)),
    ]
    return np.array(values, dtype=np.float64)


def reply_text(reply: str) -> str:
    """The text the n-gram part of the model sees."""
    return reply[:MAX_CHARS]


# --- verdicts ----------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    quality: int  # 2 complex reflection, 1 simple reflection, 0 not a reflection or a poor one
    score: float  # the expected grade (0..2): ranks replies to the same prompt
    why: str
    probabilities: dict[str, float] = field(default_factory=dict, compare=False)
    note: str | None = None  # when the input could not be graded as given

    def to_dict(self) -> dict:
        return {"quality": self.quality, "score": round(self.score, 4), "why": self.why}


EMPTY_REPLY = Verdict(
    0, 0.0, "There is no reply to grade yet. Write what you would say back to them."
)
NO_WORDS = Verdict(
    0,
    0.0,
    "The reply has no words to grade. A reflection says back, in words, what they "
    "seem to mean or feel.",
)
NOT_ENGLISH_NOTE = "This does not look like English; the grader only understands English."
NOT_ENGLISH = Verdict(
    0,
    0.0,
    "This reply was not graded: it does not look like English, and the grader only "
    "understands English.",
    note=NOT_ENGLISH_NOTE,
)
# A reply that opens with advice is not a reflection, however much of their words it
# repeats ("You should quit." is not a simple reflection of "I hate my job."). In the
# PAIR training data every reply that opens like this is graded poor (94 of 94).
ADVICE_LEAD = re.compile(
    r"^(you should|you shouldn't|you need to|you have to|you must|you ought|try to|try and"
    r"|why don't you|why not|i suggest|i'd suggest|i would suggest|i recommend|i'd recommend"
    r"|i think you should|make sure|don't worry|you could try|consider|just)\b"
)
ADVICE_LEAD_MAX_SCORE = 0.5  # ranks it below any reply the model leans to call a reflection
EMPTY_PROMPT_NOTE = (
    "Without what they said, the grade only looks at the reply; add their words for a fairer grade."
)

_HTML_TAG = re.compile(r"<[^>]{0,200}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_ENGLISH_HINT = frozenset(
    (
        "the",
        "you",
        "i",
        "to",
        "and",
        "a",
        "it",
        "is",
        "that",
        "of",
        "in",
        "not",
        "my",
        "me",
        "your",
        "feel",
        "like",
        "what",
        "but",
        "this",
        "be",
        "are",
        "so",
        "don't",
        "i'm",
        "it's",
        "was",
        "have",
        "want",
        "do",
        "with",
        "for",
    )
)


_COMMON = _STOP | _ENGLISH_HINT


def clean(text: str) -> str:
    """Cut to ``MAX_CHARS``, drop HTML tags, control characters and lone surrogates."""
    text = text[: MAX_CHARS * 2]
    text = _HTML_TAG.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_CHARS]


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def looks_english(text: str) -> bool:
    """Roughly: mostly Latin letters, and at least one word in seven a common English word."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 3 and sum(1 for ch in letters if ch.isascii()) / len(letters) < 0.6:
        return False
    if len(letters) < 12:
        return True
    ws = _words(text)
    return len(ws) < 5 or sum(1 for w in ws if w in _COMMON) / len(ws) >= 0.15


def explain(quality: int, prompt: str, reply: str, x: np.ndarray) -> str:
    """A short, plain reason for the grade, and what would lift it to a complex reflection."""
    f = dict(zip(DENSE_NAMES, x, strict=True))
    if quality == 2:
        if f["two_sided"] and f["reflective_stems"]:
            return (
                "A complex reflection: it names what seems to lie under their words and "
                "holds both sides of how they feel."
            )
        if f["new_feeling_words"]:
            return (
                "A complex reflection: it names the feeling or meaning under what they said, "
                "as a statement, without advice."
            )
        return (
            "A complex reflection: it goes beyond their words to what they seem to mean, "
            "as a statement, without advice."
        )
    lift = "To make it a complex reflection, name the feeling or the meaning under what they said"
    if quality == 1:
        if f["copied_share"] >= 0.6 or f["longest_copy_share"] >= 0.5:
            reason = "A simple reflection: it says their words back, close to how they said them."
        else:
            reason = (
                "A simple reflection: it says back what they said, but not what it means to them."
            )
        return (
            f'{reason} {lift}, not only their words (for example "It sounds like you feel ... '
            'because ..."), or both sides if they are torn.'
        )
    if f["ends_with_question"] or f["questions"]:
        reason = (
            "Not a reflection: it asks a question. A question makes them answer; a reflection "
            "shows you heard."
        )
        hint = "Turn it into a statement about them"
    elif f["advice"] or f["starts_imperative"] or f["roadblock_advising"] >= 0.5:
        reason = "Not a reflection: it gives advice or tells them what to do."
        hint = "Leave the advice for later, and first say back"
    elif f["argue"] or f["roadblock_arguing"] >= 0.5:
        reason = "Not a reflection: it argues with what they said or corrects it."
        hint = "Instead of correcting them, say back"
    elif f["reassure"]:
        reason = "Not a reflection: it reassures or comments, but does not say back what they said."
        hint = "Say back"
    elif f["self_share"] > f["you_share"]:
        reason = "Not a reflection: it talks about you, not about what they said."
        hint = "Start from them (\u201cYou\u2026\u201d) and say back"
    else:
        reason = "Not a reflection, or a weak one: it does not clearly say back what they meant."
        hint = "Say back"
    return (
        f"{reason} {hint} the feeling or the meaning under their words, not only the words "
        '(for example "You\'re worried that ..." or "Part of you ..., and part of you ...").'
    )


class ReflectionGrader:
    def __init__(
        self,
        text_model: LinearTextModel,
        dense_coef: np.ndarray,
        dense_mean: np.ndarray,
        dense_scale: np.ndarray,
    ):
        meta = text_model.meta
        if tuple(meta.get("heads", ())) != HEADS:
            raise ValueError(f"unexpected heads in reflection model: {meta.get('heads')}")
        if tuple(meta.get("dense_names", ())) != DENSE_NAMES:
            raise ValueError("the reflection model was trained on other pair features")
        if dense_coef.shape != (len(DENSE_NAMES), len(HEADS)):
            raise ValueError(f"dense coefficient shape {dense_coef.shape} is wrong")
        self.text_model = text_model
        self.meta = meta
        self.dense_coef = dense_coef.astype(np.float64)
        self.dense_mean = dense_mean.astype(np.float64)
        self.dense_scale = dense_scale.astype(np.float64)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ReflectionGrader:
        text_model = LinearTextModel.load(path)
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            if meta.get("kind") != "reflect":
                raise ValueError(f"{path.name} is not a reflection model")
            return cls(text_model, npz["dense_coef"], npz["dense_mean"], npz["dense_scale"])

    def probabilities(self, prompt: str, reply: str) -> tuple[np.ndarray, np.ndarray]:
        """P(poor, simple, complex) and the raw pair features of cleaned input."""
        x = pair_features(prompt, reply)
        z = self.text_model.logits(reply_text(reply))
        z = z + ((x - self.dense_mean) / self.dense_scale) @ self.dense_coef
        p = np.exp(z - z.max())
        return p / p.sum(), x

    def grade(self, prompt: str, reply: str) -> Verdict:
        if not isinstance(prompt, str) or not isinstance(reply, str):
            raise TypeError("prompt and reply must be strings")
        prompt, reply = clean(prompt), clean(reply)
        if not reply:
            return EMPTY_REPLY
        if not _has_words(reply):
            return NO_WORDS
        if not looks_english(reply):
            return NOT_ENGLISH
        p, x = self.probabilities(prompt, reply)
        quality = int(np.argmax(p))
        score = float(p[1] + 2.0 * p[2])
        if ADVICE_LEAD.match(features.normalise(reply)):
            quality, score = 0, min(score, ADVICE_LEAD_MAX_SCORE)
        note = None
        if prompt and not looks_english(prompt):
            note = NOT_ENGLISH_NOTE
        elif not prompt:
            note = EMPTY_PROMPT_NOTE
        why = explain(quality, prompt, reply, x)
        if note:
            why = f"{why} {note}"
        probs = {h: float(v) for h, v in zip(HEADS, p, strict=True)}
        return Verdict(quality, score, why, probs, note)


_grader: ReflectionGrader | None = None
_lock = threading.Lock()


def get_grader() -> ReflectionGrader:
    """The shipped model, loaded on first use and then kept (thread-safe)."""
    global _grader
    if _grader is None:
        with _lock:
            if _grader is None:
                _grader = ReflectionGrader.load(MODEL_PATH)
    return _grader


def grade(prompt: str, reply: str, grader: ReflectionGrader | None = None) -> Verdict:
    """Grade ``reply`` as a reflection of ``prompt``: 2 complex, 1 simple, 0 not one."""
    return (grader or get_grader()).grade(prompt, reply)


def grade_many(
    pairs: list[tuple[str, str]], grader: ReflectionGrader | None = None
) -> list[Verdict]:
    """:func:`grade` for each (prompt, reply)."""
    g = grader or get_grader()
    return [g.grade(prompt, reply) for prompt, reply in pairs]
