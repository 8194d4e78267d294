"""One reading-level estimate for every content test: Flesch-Kincaid grade.

A plain heuristic, good enough to keep authored text near the grade-8 aim:
0.39 * words per sentence + 11.8 * syllables per word - 15.59.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SENTENCE_SPLIT = re.compile(r"[.!?]+(?:[\"'\u201d)\s]|$)")


def count_syllables(word: str) -> int:
    """Vowel groups, minus a silent final -e/-es/-ed."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def fk_grade(texts: str | Iterable[str]) -> float:
    """The grade of one text, or of several read as one (each ends its own sentences)."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    sentences = [s for text in texts for s in _SENTENCE_SPLIT.split(text) if WORD.search(s)]
    words = [w for text in texts for w in WORD.findall(text.replace("\u2019", "'"))]
    if not words:
        return 0.0
    syllables = sum(count_syllables(w) for w in words)
    return 0.39 * len(words) / max(1, len(sentences)) + 11.8 * syllables / len(words) - 15.59
