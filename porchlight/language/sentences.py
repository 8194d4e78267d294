"""Split a message into sentences, keeping each sentence's position.

Rules, in order: a line break always ends a sentence; ".", "!", "?" and "…"
(possibly repeated, possibly followed by closing quotes or brackets) end a
sentence when whitespace follows; common abbreviations ("Dr.", "Mr.", "e.g.")
and single initials do not. Nothing is dropped except whitespace-only pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "approx",
        "dept",
        "no",
        "mt",
        "ave",
        "rd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_BOUNDARY = re.compile(r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)(\s+)|(\n\s*)")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def _is_abbreviation(before: str, punct: str) -> bool:
    if not punct.startswith(".") or len(punct.rstrip("\"')]\u201d\u2019")) != 1:
        return False
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word != "i")


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(3) is None:
            end = m.start(2)
            if _is_abbreviation(text[start : m.start(1)], m.group(1)):
                continue
        else:
            end = m.start(3)
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(stripped, start + lead, start + lead + len(stripped)))
