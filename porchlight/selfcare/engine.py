"""The weekly self-care check-in: content/selfcare/checkin.yaml as an engine.

Plain Python, no Django. :func:`load_checkin` reads and validates the file strictly
(any problem raises :class:`CheckinDataError` naming the file and the question, band or
field). Then:

- :func:`evaluate` turns one week's answers into a :class:`CheckinResult`: a burnout
  score (0-100: the ``in_score`` answers over the most they could be, rounded half up;
  0 when none is answered), its band (raised to an option's ``band_floor`` when one
  applies), suggestions, and the supporter's own safety flags. ``supporter_crisis``
  (thoughts of harming themselves) means the app shows the safety path;
  ``unsafe_at_home`` means safety planning and violence lines; ``act_now`` means
  danger right now, emergency first.
- :func:`sustained_decline` reads a history of scores (oldest first) and says whether
  the latest check-ins show a sustained decline; :func:`decline_support` gives the
  concrete support to offer then.
- :func:`plan_prompts` gives the self-care plan prompts.

This is a plain self-check, not a diagnosis and not a validated scale; the bands borrow
ideas from caregiver-burden and burnout research (see the file's sources).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.library import article_slugs
from porchlight.content.questionnaire import Source, by_id
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned

__all__ = [
    "BANDS",
    "CHECKIN_FILE",
    "FLAGS",
    "MAX_ITEM_SCORE",
    "SHOW_FOR",
    "Band",
    "Checkin",
    "CheckinAnswerError",
    "CheckinDataError",
    "CheckinOption",
    "CheckinQuestion",
    "CheckinResult",
    "DeclineRule",
    "PlanPrompt",
    "Suggestion",
    "band_for",
    "decline_support",
    "evaluate",
    "load_checkin",
    "parse_checkin",
    "plan_prompts",
    "questions",
    "sustained_decline",
]

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
CHECKIN_FILE = CONTENT_DIR / "selfcare" / "checkin.yaml"

#: Band ids, lightest first.
BANDS = ("doing_okay", "strained", "at_risk")
FLAGS = ("supporter_crisis", "unsafe_at_home", "act_now")
#: When a support suggestion is shown.
SHOW_FOR = ("decline", "at_risk", "supporter_crisis", "unsafe_at_home")
MAX_ITEM_SCORE = 4
MIN_QUESTIONS, MAX_QUESTIONS = 6, 8

_RANK = {band: rank for rank, band in enumerate(BANDS)}
_TOP_FIELDS = (
    "reviewed",
    "sources",
    "title",
    "intro",
    "sources_for_score",
    "high_at",
    "questions",
    "bands",
    "decline",
    "support",
    "plan_prompts",
)

Answers = Mapping[str, str | None]


class CheckinDataError(ContentDataError):
    """checkin.yaml is inconsistent; the message names the file and the item."""


class CheckinAnswerError(ValueError):
    """The answers or score history don't fit the check-in."""


@dataclass(frozen=True)
class Suggestion:
    id: str
    title: str
    text: str
    sources: tuple[Source, ...]
    #: Slug of the learn article to read next.
    article: str
    #: For support suggestions: when they are shown (values from :data:`SHOW_FOR`).
    show_for: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CheckinOption:
    id: str
    label: str
    score: int
    flags: frozenset[str] = frozenset()
    #: The band is at least this when the option is chosen ("" for none).
    band_floor: str = ""


@dataclass(frozen=True)
class CheckinQuestion:
    id: str
    text: str
    help: str
    in_score: bool
    options: tuple[CheckinOption, ...]
    #: Shown when an in-score answer reaches ``high_at``; None for the safety questions.
    suggestion: Suggestion | None

    def option(self, option_id: str) -> CheckinOption:
        return by_id(self.options, option_id)


@dataclass(frozen=True)
class Band:
    id: str
    min: int
    max: int
    label: str
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class DeclineRule:
    rising_run: int
    min_rise: int
    at_risk_run: int


@dataclass(frozen=True)
class PlanPrompt:
    id: str
    prompt: str
    help: str
    examples: tuple[str, ...]
    sources: tuple[Source, ...]
    article: str


@dataclass(frozen=True)
class Checkin:
    title: str
    intro: str
    questions: tuple[CheckinQuestion, ...]
    bands: tuple[Band, ...]
    high_at: int
    decline: DeclineRule
    support: tuple[Suggestion, ...]
    plan_prompts: tuple[PlanPrompt, ...]
    score_sources: tuple[Source, ...]
    sources: tuple[Source, ...]

    def question(self, question_id: str) -> CheckinQuestion:
        return by_id(self.questions, question_id)

    def band(self, band_id: str) -> Band:
        return by_id(self.bands, band_id)

    def band_for(self, score: int) -> Band:
        for band in self.bands:
            if band.min <= score <= band.max:
                return band
        raise CheckinAnswerError(f"score {score!r} is outside 0-100")


@dataclass(frozen=True)
class CheckinResult:
    #: Burnout score, 0-100 (higher is more strain).
    score: int
    #: One of :data:`BANDS`.
    band: str
    band_text: str
    suggestions: tuple[Suggestion, ...]
    #: Thoughts of harming themselves: show the safety path.
    supporter_crisis: bool
    #: Afraid or unsafe at home: safety planning and violence lines.
    unsafe_at_home: bool
    #: In danger right now: emergency first.
    act_now: bool = False
    band_label: str = ""
    #: False when some in-score questions were skipped (the score uses the rest).
    complete: bool = True


# --------------------------------------------------------------------------- loading


def _suggestion(
    read: Reader,
    raw: Any,
    suggestion_id: str,
    where: str,
    table: Mapping[str, Source],
    slugs: frozenset[str],
    *,
    show_for: bool = False,
) -> Suggestion:
    entry = read.mapping(raw, where)
    fields = ("title", "text", "sources", "article", *(("id", "show_for") if show_for else ()))
    read.known_fields(entry, fields, where)
    shown: frozenset[str] = frozenset()
    if show_for:
        raw_show = entry.get("show_for")
        if not isinstance(raw_show, list) or not raw_show:
            read.fail(where, f"show_for must be a non-empty list from {', '.join(SHOW_FOR)}")
        for value in raw_show:
            if value not in SHOW_FOR:
                read.fail(where, f"show_for {value!r} is not one of {', '.join(SHOW_FOR)}")
        shown = frozenset(raw_show)
    return Suggestion(
        id=suggestion_id,
        title=read.text(entry, "title", where),
        text=read.text(entry, "text", where),
        sources=read.cite(entry, table, where),
        article=read.article(entry, where, slugs),
        show_for=shown,
    )


def _options(read: Reader, raw: Any, where: str) -> tuple[CheckinOption, ...]:
    options = []
    for index, entry in enumerate(read.items(raw, f"{where}: options")):
        entry = read.mapping(entry, f"{where}: options[{index}]")
        option_id = read.id(entry.get("id"), f"{where}: options[{index}]")
        at = f"{where}: option {option_id!r}"
        read.known_fields(entry, ("id", "label", "score", "flags", "band_floor"), at)
        flags = entry.get("flags", [])
        if not isinstance(flags, list) or any(flag not in FLAGS for flag in flags):
            read.fail(at, f"flags must be a list from {', '.join(FLAGS)}")
        floor = entry.get("band_floor", "")
        if floor != "" and floor not in BANDS:
            read.fail(at, f"band_floor {floor!r} is not one of {', '.join(BANDS)}")
        score = read.integer(entry, "score", at, low=0, high=MAX_ITEM_SCORE)
        if score == 0 and (flags or floor):
            read.fail(at, "an option scored 0 cannot carry flags or a band_floor")
        options.append(
            CheckinOption(
                id=option_id,
                label=read.text(entry, "label", at),
                score=score,
                flags=frozenset(flags),
                band_floor=floor,
            )
        )
    read.unique((o.id for o in options), f"{where}: option")
    scores = [o.score for o in options]
    if scores[0] != 0 or max(scores) != MAX_ITEM_SCORE:
        read.fail(where, f"options must run from a score of 0 to {MAX_ITEM_SCORE}")
    if scores != sorted(scores):
        read.fail(where, "options must be in order from score 0 (fine) to the hardest")
    return tuple(options)


def _questions(
    read: Reader, raw: Any, table: Mapping[str, Source], slugs: frozenset[str]
) -> tuple[CheckinQuestion, ...]:
    result = []
    for index, entry in enumerate(read.items(raw, "questions")):
        entry = read.mapping(entry, f"questions[{index}]")
        question_id = read.id(entry.get("id"), f"questions[{index}]")
        where = f"question {question_id!r}"
        read.known_fields(entry, ("id", "text", "help", "in_score", "options", "suggestion"), where)
        in_score = read.boolean(entry, "in_score", where)
        suggestion = None
        if in_score:
            if "suggestion" not in entry:
                read.fail(where, "an in_score question needs a suggestion")
            suggestion = _suggestion(
                read, entry["suggestion"], question_id, f"{where}: suggestion", table, slugs
            )
        elif "suggestion" in entry:
            read.fail(where, "a safety question acts through flags and support, not a suggestion")
        result.append(
            CheckinQuestion(
                id=question_id,
                text=read.text(entry, "text", where),
                help=read.text(entry, "help", where, required=False),
                in_score=in_score,
                options=_options(read, entry.get("options"), where),
                suggestion=suggestion,
            )
        )
    read.unique((q.id for q in result), "question")
    if not MIN_QUESTIONS <= len(result) <= MAX_QUESTIONS:
        read.fail("questions", f"has {len(result)}; keep it to {MIN_QUESTIONS}-{MAX_QUESTIONS}")
    if not any(q.in_score for q in result):
        read.fail("questions", "no question has in_score: true, so there is no burnout score")
    for flag in ("supporter_crisis", "unsafe_at_home"):
        if not any(flag in o.flags for q in result for o in q.options):
            read.fail("questions", f"no option sets {flag}; the safety questions are required")
    return tuple(result)


def _bands(read: Reader, raw: Any, table: Mapping[str, Source]) -> tuple[Band, ...]:
    bands = []
    for index, entry in enumerate(read.items(raw, "bands")):
        entry = read.mapping(entry, f"bands[{index}]")
        band_id = entry.get("id")
        if band_id not in BANDS:
            read.fail(f"bands[{index}]", f"id {band_id!r} is not one of {', '.join(BANDS)}")
        where = f"band {band_id!r}"
        read.known_fields(entry, ("id", "min", "max", "label", "text", "sources"), where)
        bands.append(
            Band(
                id=band_id,
                min=read.integer(entry, "min", where, low=0, high=100),
                max=read.integer(entry, "max", where, low=0, high=100),
                label=read.text(entry, "label", where),
                text=read.text(entry, "text", where),
                sources=read.cite(entry, table, where),
            )
        )
    if tuple(b.id for b in bands) != BANDS:
        read.fail("bands", f"must be exactly {', '.join(BANDS)}, in that order")
    expected_min = 0
    for band in bands:
        if band.min != expected_min or band.max < band.min:
            read.fail(
                f"band {band.id!r}",
                f"must start at {expected_min} and not end before it starts (no gaps, no overlaps)",
            )
        expected_min = band.max + 1
    if bands[-1].max != 100:
        read.fail(f"band {bands[-1].id!r}", "the last band must end at 100")
    return tuple(bands)


def _decline(read: Reader, raw: Any) -> DeclineRule:
    entry = read.mapping(raw, "decline")
    read.known_fields(entry, ("rising_run", "min_rise", "at_risk_run"), "decline")
    return DeclineRule(
        rising_run=read.integer(entry, "rising_run", "decline", low=2, high=8),
        min_rise=read.integer(entry, "min_rise", "decline", low=1, high=100),
        at_risk_run=read.integer(entry, "at_risk_run", "decline", low=1, high=8),
    )


def _support(
    read: Reader, raw: Any, table: Mapping[str, Source], slugs: frozenset[str]
) -> tuple[Suggestion, ...]:
    result = []
    for index, entry in enumerate(read.items(raw, "support")):
        entry = read.mapping(entry, f"support[{index}]")
        support_id = read.id(entry.get("id"), f"support[{index}]")
        where = f"support {support_id!r}"
        result.append(_suggestion(read, entry, support_id, where, table, slugs, show_for=True))
    read.unique((s.id for s in result), "support")
    for when in SHOW_FOR:
        if not any(when in s.show_for for s in result):
            read.fail("support", f"nothing is shown for {when!r}; every case needs support")
    return tuple(result)


def _plan_prompts(
    read: Reader, raw: Any, table: Mapping[str, Source], slugs: frozenset[str]
) -> tuple[PlanPrompt, ...]:
    result = []
    for index, entry in enumerate(read.items(raw, "plan_prompts")):
        entry = read.mapping(entry, f"plan_prompts[{index}]")
        prompt_id = read.id(entry.get("id"), f"plan_prompts[{index}]")
        where = f"plan prompt {prompt_id!r}"
        read.known_fields(entry, ("id", "prompt", "help", "examples", "sources", "article"), where)
        result.append(
            PlanPrompt(
                id=prompt_id,
                prompt=read.text(entry, "prompt", where),
                help=read.text(entry, "help", where),
                examples=read.texts(entry, "examples", where),
                sources=read.cite(entry, table, where),
                article=read.article(entry, where, slugs, required=False),
            )
        )
    read.unique((p.id for p in result), "plan prompt")
    return tuple(result)


def parse_checkin(
    raw: Any, name: str = CHECKIN_FILE.name, *, slugs: frozenset[str] | None = None
) -> Checkin:
    """Validate parsed YAML and build the check-in (split out so tests can feed dicts).

    ``slugs`` are the article slugs links may point at (default: content/articles/).
    """
    read = Reader(name, CheckinDataError)
    top = read.mapping(raw, "")
    read.known_fields(top, _TOP_FIELDS, "")
    check_banned(top, name, CheckinDataError)
    read.date(top, "reviewed", "")
    slugs = article_slugs() if slugs is None else slugs
    table = read.sources(top.get("sources"))
    return Checkin(
        title=read.text(top, "title", ""),
        intro=read.text(top, "intro", ""),
        questions=_questions(read, top.get("questions"), table, slugs),
        bands=_bands(read, top.get("bands"), table),
        high_at=read.integer(top, "high_at", "", low=1, high=MAX_ITEM_SCORE),
        decline=_decline(read, top.get("decline")),
        support=_support(read, top.get("support"), table, slugs),
        plan_prompts=_plan_prompts(read, top.get("plan_prompts"), table, slugs),
        score_sources=read.cite({"sources": top.get("sources_for_score")}, table, "score"),
        sources=tuple(table.values()),
    )


@cache
def load_checkin(path: Path = CHECKIN_FILE) -> Checkin:
    """The check-in from ``path``, validated. Cached per path."""
    return parse_checkin(read_yaml(path, CheckinDataError), path.name)


def questions() -> tuple[CheckinQuestion, ...]:
    """The questions in order, for the UI."""
    return load_checkin().questions


def plan_prompts() -> tuple[PlanPrompt, ...]:
    """The self-care plan prompts in order (what restores me, who I can talk to, ...)."""
    return load_checkin().plan_prompts


def band_for(score: int, *, checkin: Checkin | None = None) -> Band:
    """The band a 0-100 score falls in (before any band floor)."""
    return (checkin or load_checkin()).band_for(score)


# --------------------------------------------------------------------------- evaluating


def _chosen(answers: Answers, checkin: Checkin) -> dict[str, CheckinOption]:
    by_id = {q.id: q for q in checkin.questions}
    chosen: dict[str, CheckinOption] = {}
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise CheckinAnswerError(f"unknown question {question_id!r}")
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise CheckinAnswerError(f"question {question_id!r}: answer must be an option id")
        try:
            chosen[question_id] = question.option(value)
        except KeyError:
            ids = ", ".join(o.id for o in question.options)
            raise CheckinAnswerError(
                f"unknown option {value!r} for question {question_id!r} (it has {ids})"
            ) from None
    return chosen


def _support_for(checkin: Checkin, *cases: str) -> list[Suggestion]:
    """Support suggestions shown for any of ``cases``, grouped in the order of ``cases``."""
    out: list[Suggestion] = []
    for case in cases:
        out.extend(s for s in checkin.support if case in s.show_for and s not in out)
    return out


def evaluate(answers: Answers, *, checkin: Checkin | None = None) -> CheckinResult:
    """Score, band, suggestions and safety flags for one week's ``answers``.

    Suggestions come in this order: support for the safety flags (crisis first), then
    the suggestion of every in-score question answered at ``high_at`` or above (hardest
    first), then, in the at_risk band, the support to reach out for.
    """
    checkin = checkin or load_checkin()
    chosen = _chosen(answers, checkin)
    scored = [q for q in checkin.questions if q.in_score and q.id in chosen]
    score = 0
    if scored:
        total = sum(chosen[q.id].score for q in scored)
        most = MAX_ITEM_SCORE * len(scored)
        score = (200 * total + most) // (2 * most)  # 100 * total / most, rounded half up
    band = checkin.band_for(score)
    for option in chosen.values():
        if option.band_floor and _RANK[option.band_floor] > _RANK[band.id]:
            band = checkin.band(option.band_floor)
    flags = frozenset().union(*(o.flags for o in chosen.values()))

    cases = [flag for flag in ("supporter_crisis", "unsafe_at_home") if flag in flags]
    suggestions = _support_for(checkin, *cases)
    high = sorted(
        (q for q in scored if chosen[q.id].score >= checkin.high_at),
        key=lambda q: -chosen[q.id].score,  # stable: file order within a score
    )
    suggestions.extend(q.suggestion for q in high if q.suggestion is not None)
    if band.id == "at_risk":
        suggestions.extend(s for s in _support_for(checkin, "at_risk") if s not in suggestions)
    return CheckinResult(
        score=score,
        band=band.id,
        band_text=band.text,
        suggestions=tuple(suggestions),
        supporter_crisis="supporter_crisis" in flags,
        unsafe_at_home="unsafe_at_home" in flags,
        act_now="act_now" in flags,
        band_label=band.label,
        complete=len(scored) == sum(1 for q in checkin.questions if q.in_score),
    )


def _checked(history: Sequence[int]) -> list[int]:
    scores = list(history)
    for index, score in enumerate(scores):
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
            raise CheckinAnswerError(f"history[{index}]: {score!r} is not a score from 0 to 100")
    return scores


def sustained_decline(history: Sequence[int], *, checkin: Checkin | None = None) -> bool:
    """True when the latest check-ins show a sustained decline.

    ``history`` holds burnout scores, oldest first, ending with the latest. It is a
    decline when either the last ``rising_run`` scores are each at least ``min_rise``
    points worse (higher) than the score just before them, or the last ``at_risk_run``
    scores are all in the at_risk band. A single bad week is not a decline.
    """
    checkin = checkin or load_checkin()
    scores = _checked(history)
    rule = checkin.decline
    if len(scores) > rule.rising_run:
        base = scores[-rule.rising_run - 1]
        if all(score - base >= rule.min_rise for score in scores[-rule.rising_run :]):
            return True
    if len(scores) >= rule.at_risk_run:
        latest = scores[-rule.at_risk_run :]
        if all(checkin.band_for(score).id == "at_risk" for score in latest):
            return True
    return False


def decline_support(
    *,
    supporter_crisis: bool = False,
    unsafe_at_home: bool = False,
    checkin: Checkin | None = None,
) -> tuple[Suggestion, ...]:
    """Concrete support to offer on a sustained decline: a doctor, a support group, a
    counsellor, sharing the load; led by a crisis line when the supporter has thoughts
    of harming themselves, and by safety at home when they feel unsafe there."""
    checkin = checkin or load_checkin()
    cases = [
        case
        for case, on in (("supporter_crisis", supporter_crisis), ("unsafe_at_home", unsafe_at_home))
        if on
    ]
    return tuple(_support_for(checkin, *cases, "decline"))
