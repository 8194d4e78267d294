"""Text features for the behaviour classifier, shared by training and run time.

Pure Python. The training script hands these analyzers to scikit-learn's
``TfidfVectorizer(analyzer=...)`` and exports the vocabulary and IDF weights;
:mod:`porchlight.language.behaviour` rebuilds the same TF-IDF vectors with
numpy. Because both sides call the functions below, the tokens are identical
by construction; only the weighting (sublinear TF x IDF, then L2 per block) is
re-implemented, and the training script asserts the two agree.

Three blocks, each L2-normalised on its own:

- ``word``: word 1-3-grams over lower-cased text; "?" counts as a word.
- ``char``: character 2-5-grams over the whitespace-collapsed lower-cased text.
- ``shape``: a handful of hand-made cues (ends with "?", starts with a
  wh-word or an auxiliary verb, first/last word, length bucket, number of
  sentences, trailing dash of an interrupted utterance).
"""

from __future__ import annotations

import math
import re
import unicodedata

WH_WORDS = frozenset({"what", "why", "how", "when", "where", "who", "which", "whom", "whose"})
AUXILIARIES = frozenset(
    {
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "would",
        "will",
        "have",
        "has",
        "had",
        "should",
        "shall",
        "may",
        "might",
        "am",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "wouldn't",
        "can't",
        "couldn't",
    }
)

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-"})


def normalise(text: str) -> str:
    """Lower-case, NFKC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _SPACE_RE.sub(" ", text).strip()


def words(normalised: str) -> list[str]:
    return _WORD_RE.findall(normalised)


def word_ngrams(text: str) -> list[str]:
    toks = words(normalise(text))
    out = list(toks)
    for n in (2, 3):
        out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


def char_ngrams(text: str) -> list[str]:
    norm = normalise(text)
    out: list[str] = []
    for n in range(2, 6):
        out.extend(norm[i : i + n] for i in range(len(norm) - n + 1))
    return out


def shape_tokens(text: str) -> list[str]:
    norm = normalise(text)
    ws = [w for w in words(norm) if w != "?"]
    stripped = norm.rstrip(" -.")
    toks = ["endq" if stripped.endswith("?") else "noendq", f"nq{min(norm.count('?'), 3)}"]
    toks.append(f"len{min(int(math.log2(len(ws) + 1)), 7)}")
    if ws:
        toks += [f"first={ws[0]}", f"last={ws[-1]}"]
        if ws[0] in WH_WORDS:
            toks.append("startwh")
        if ws[0] in AUXILIARIES:
            toks.append("startaux")
    if len(ws) > 1:
        toks.append(f"first2={ws[0]}_{ws[1]}")
    if any(w in WH_WORDS for w in ws):
        toks.append("haswh")
    sentences = [s for s in _SENTENCE_END_RE.split(norm) if s.strip()]
    toks.append(f"nsent{min(len(sentences), 4)}")
    if sentences:
        last = [w for w in words(sentences[-1]) if w != "?"]
        if last:
            toks.append(f"lsfirst={last[0]}")
            if last[0] in WH_WORDS:
                toks.append("lswh")
            if last[0] in AUXILIARIES:
                toks.append("lsaux")
    if norm.startswith("-"):
        toks.append("startdash")
    if norm.endswith("-"):
        toks.append("enddash")
    return toks


BLOCKS = {"word": word_ngrams, "char": char_ngrams, "shape": shape_tokens}
