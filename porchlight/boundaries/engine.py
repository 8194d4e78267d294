"""The support-vs-enabling check: content/boundaries/enabling_check.yaml as an engine.

Plain Python, no Django. :func:`load_enabling` reads and validates the file strictly
(any problem raises :class:`EnablingDataError` naming the file and the question or
field), and :func:`evaluate` turns a supporter's answers into an :class:`EnablingResult`:

- every question answered with a ``suggest`` option (often / sometimes) becomes a
  :class:`Pattern` and brings its :class:`BoundarySuggestion`, most frequent first,
  then in file order;
- ``score`` is 0-100: the answered questions' weights over the most they could weigh
  (0 when nothing is answered);
- a suggestion with ``violence_caution`` means the app asks "Is it safe for you?"
  (:func:`safety_check`) before showing it.

Answers map a question id to an option id. Unanswered questions, ``None`` and ``""``
count as no answer; an unknown question or option raises :class:`EnablingAnswerError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from porchlight.content.library import article_slugs
from porchlight.content.questionnaire import Source, by_id
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned

__all__ = [
    "ENABLING_FILE",
    "THREAT_PHRASES",
    "BoundarySuggestion",
    "EnablingAnswerError",
    "EnablingCheck",
    "EnablingDataError",
    "EnablingQuestion",
    "EnablingResult",
    "Pattern",
    "SafetyCheck",
    "ScaleOption",
    "evaluate",
    "load_enabling",
    "parse_enabling",
    "questions",
    "safety_check",
]

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
ENABLING_FILE = CONTENT_DIR / "boundaries" / "enabling_check.yaml"

#: Phrasings that turn a boundary into a threat or an ultimatum; ``how_to_say`` may not
#: use them (matched case-insensitively on word boundaries).
THREAT_PHRASES = (
    "or else",
    "you'd better",
    "you better",
    "last chance",
    "final warning",
    "if you don't",
    "if you do not",
    "if you ever",
    "unless you",
    "i'm leaving you",
    "i will leave you",
    "i'll leave you",
    "you have to",
    "you must",
    "you need to",
    "you always",
    "you never",
)
_THREAT_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(p) for p in THREAT_PHRASES) + r")(?![\w'])",
    re.IGNORECASE,
)
_I_RE = re.compile(r"\bI(?:'(?:m|ll|d|ve))?\b")
_STARTS = {
    "will_do": ("I will ", "I'll "),
    "wont_do": ("I won't ", "I will not ", "I will no longer "),
    "if_crossed": ("If ", "When "),
}
_SUGGESTION_FIELDS = (
    "will_do",
    "wont_do",
    "why",
    "if_crossed",
    "how_to_say",
    "violence_caution",
    "sources",
    "article",
)
_QUESTION_FIELDS = ("id", "text", "title", "explanation", "suggestion")
_TOP_FIELDS = ("reviewed", "sources", "title", "intro", "scale", "safety_check", "questions")

Answers = Mapping[str, str | None]


class EnablingDataError(ContentDataError):
    """enabling_check.yaml is inconsistent; the message names the file and the item."""


class EnablingAnswerError(ValueError):
    """The answers name a question or option that the check does not have."""


@dataclass(frozen=True)
class ScaleOption:
    id: str
    label: str
    weight: int
    suggest: bool


@dataclass(frozen=True)
class BoundarySuggestion:
    question_id: str
    title: str
    will_do: str
    wont_do: str
    why: str
    if_crossed: str
    how_to_say: str
    #: Ask "Is it safe for you?" (:func:`safety_check`) before showing this boundary.
    violence_caution: bool
    sources: tuple[Source, ...]
    #: Slug of the learn article to read next.
    article: str


@dataclass(frozen=True)
class EnablingQuestion:
    id: str
    text: str
    title: str
    explanation: str
    suggestion: BoundarySuggestion


@dataclass(frozen=True)
class SafetyCheck:
    question: str
    text: str
    sources: tuple[Source, ...]
    article: str


@dataclass(frozen=True)
class EnablingCheck:
    title: str
    intro: str
    scale: tuple[ScaleOption, ...]
    questions: tuple[EnablingQuestion, ...]
    safety_check: SafetyCheck
    sources: tuple[Source, ...]

    def question(self, question_id: str) -> EnablingQuestion:
        return by_id(self.questions, question_id)

    def option(self, option_id: str) -> ScaleOption:
        return by_id(self.scale, option_id)


class Pattern(NamedTuple):
    """One pattern that showed up: (question id, title, explanation)."""

    question_id: str
    title: str
    explanation: str


@dataclass(frozen=True)
class EnablingResult:
    patterns: tuple[Pattern, ...]
    suggestions: tuple[BoundarySuggestion, ...]
    #: 0-100; higher means more of the answers lean toward enabling.
    score: int

    @property
    def needs_safety_check(self) -> bool:
        """True when any suggestion asks "Is it safe for you?" first."""
        return any(s.violence_caution for s in self.suggestions)


# --------------------------------------------------------------------------- loading


def _scale(read: Reader, raw: Any) -> tuple[ScaleOption, ...]:
    options = []
    for index, entry in enumerate(read.items(raw, "scale")):
        entry = read.mapping(entry, f"scale[{index}]")
        option_id = read.id(entry.get("id"), f"scale[{index}]")
        where = f"scale option {option_id!r}"
        read.known_fields(entry, ("id", "label", "weight", "suggest"), where)
        options.append(
            ScaleOption(
                id=option_id,
                label=read.text(entry, "label", where),
                weight=read.integer(entry, "weight", where, low=0, high=10),
                suggest=read.boolean(entry, "suggest", where),
            )
        )
    read.unique((o.id for o in options), "scale option")
    if len(options) < 2:
        read.fail("scale", "needs at least two options")
    if not any(o.suggest for o in options) or all(o.suggest for o in options):
        read.fail("scale", "needs options with suggest: true and options with suggest: false")
    if max(o.weight for o in options) == 0:
        read.fail("scale", "at least one option needs a weight above 0")
    if any(
        o.suggest and o.weight <= other.weight
        for o in options
        for other in options
        if not other.suggest
    ):
        read.fail("scale", "every suggest: true option must weigh more than every other option")
    return tuple(options)


def _check_wording(read: Reader, fields: Mapping[str, str], where: str) -> None:
    for field, starts in _STARTS.items():
        if not fields[field].startswith(starts):
            wanted = " or ".join(f'"{s.strip()}"' for s in starts)
            read.fail(where, f"{field} must start with {wanted}")
    if not re.search(r"\b(?:I|I'm|I'll|me|my)\b", fields["why"]):
        read.fail(where, "why must say what matters to me (use I, me or my)")
    how = fields["how_to_say"]
    if not _I_RE.search(how):
        read.fail(where, "how_to_say must be an 'I' statement")
    threat = _THREAT_RE.search(how)
    if threat:
        read.fail(
            where,
            f"how_to_say uses {threat.group(1)!r}; say it kindly, without a threat or ultimatum",
        )


def _suggestion(
    read: Reader,
    raw: Any,
    question_id: str,
    title: str,
    table: Mapping[str, Source],
    slugs: frozenset[str],
) -> BoundarySuggestion:
    where = f"question {question_id!r}: suggestion"
    entry = read.mapping(raw, where)
    read.known_fields(entry, _SUGGESTION_FIELDS, where)
    fields = {
        name: read.text(entry, name, where)
        for name in ("will_do", "wont_do", "why", "if_crossed", "how_to_say")
    }
    _check_wording(read, fields, where)
    return BoundarySuggestion(
        question_id=question_id,
        title=title,
        violence_caution=read.boolean(entry, "violence_caution", where),
        sources=read.cite(entry, table, where),
        article=read.article(entry, where, slugs),
        **fields,
    )


def _questions(
    read: Reader, raw: Any, table: Mapping[str, Source], slugs: frozenset[str]
) -> tuple[EnablingQuestion, ...]:
    result = []
    for index, entry in enumerate(read.items(raw, "questions")):
        entry = read.mapping(entry, f"questions[{index}]")
        question_id = read.id(entry.get("id"), f"questions[{index}]")
        where = f"question {question_id!r}"
        read.known_fields(entry, _QUESTION_FIELDS, where)
        title = read.text(entry, "title", where)
        if "suggestion" not in entry:
            read.fail(where, "has no suggestion; every pattern needs a suggested boundary")
        result.append(
            EnablingQuestion(
                id=question_id,
                text=read.text(entry, "text", where),
                title=title,
                explanation=read.text(entry, "explanation", where),
                suggestion=_suggestion(read, entry["suggestion"], question_id, title, table, slugs),
            )
        )
    read.unique((q.id for q in result), "question")
    if not 8 <= len(result) <= 12:
        read.fail("questions", f"has {len(result)} questions; keep the check to 8-12")
    return tuple(result)


def parse_enabling(
    raw: Any,
    name: str = ENABLING_FILE.name,
    *,
    slugs: frozenset[str] | None = None,
) -> EnablingCheck:
    """Validate parsed YAML and build the check (split out so tests can feed dicts).

    ``slugs`` are the article slugs links may point at (default: content/articles/).
    """
    read = Reader(name, EnablingDataError)
    top = read.mapping(raw, "")
    read.known_fields(top, _TOP_FIELDS, "")
    check_banned(top, name, EnablingDataError)
    read.date(top, "reviewed", "")
    slugs = article_slugs() if slugs is None else slugs
    table = read.sources(top.get("sources"))
    safety_raw = read.mapping(top.get("safety_check"), "safety_check")
    read.known_fields(safety_raw, ("question", "text", "sources", "article"), "safety_check")
    safety = SafetyCheck(
        question=read.text(safety_raw, "question", "safety_check"),
        text=read.text(safety_raw, "text", "safety_check"),
        sources=read.cite(safety_raw, table, "safety_check"),
        article=read.article(safety_raw, "safety_check", slugs),
    )
    return EnablingCheck(
        title=read.text(top, "title", ""),
        intro=read.text(top, "intro", ""),
        scale=_scale(read, top.get("scale")),
        questions=_questions(read, top.get("questions"), table, slugs),
        safety_check=safety,
        sources=tuple(table.values()),
    )


@cache
def load_enabling(path: Path = ENABLING_FILE) -> EnablingCheck:
    """The check from ``path``, validated. Cached per path."""
    return parse_enabling(read_yaml(path, EnablingDataError), path.name)


def questions() -> tuple[EnablingQuestion, ...]:
    """The questions in order, for the UI (each uses the shared scale)."""
    return load_enabling().questions


def safety_check() -> SafetyCheck:
    """The "Is it safe for you?" step shown before any violence_caution boundary."""
    return load_enabling().safety_check


# --------------------------------------------------------------------------- evaluating


def _chosen(answers: Answers, check: EnablingCheck) -> dict[str, ScaleOption]:
    option_ids = {o.id: o for o in check.scale}
    question_ids = {q.id for q in check.questions}
    chosen: dict[str, ScaleOption] = {}
    for question_id, value in answers.items():
        if question_id not in question_ids:
            raise EnablingAnswerError(f"unknown question {question_id!r}")
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise EnablingAnswerError(f"question {question_id!r}: answer must be an option id")
        if value not in option_ids:
            raise EnablingAnswerError(
                f"unknown option {value!r} for question {question_id!r}"
                f" (it has {', '.join(option_ids)})"
            )
        chosen[question_id] = option_ids[value]
    return chosen


def evaluate(answers: Answers, *, check: EnablingCheck | None = None) -> EnablingResult:
    """Patterns, suggested boundaries and a 0-100 score for ``answers``."""
    check = check or load_enabling()
    chosen = _chosen(answers, check)
    top_weight = max(o.weight for o in check.scale)
    score = 0
    if chosen:
        total = sum(o.weight for o in chosen.values())
        most = top_weight * len(chosen)
        score = (200 * total + most) // (2 * most)  # 100 * total / most, rounded half up
    hits = sorted(
        (q for q in check.questions if q.id in chosen and chosen[q.id].suggest),
        key=lambda q: -chosen[q.id].weight,  # stable: file order within a weight
    )
    return EnablingResult(
        patterns=tuple(Pattern(q.id, q.title, q.explanation) for q in hits),
        suggestions=tuple(q.suggestion for q in hits),
        score=score,
    )
