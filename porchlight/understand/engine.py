"""The "Understand the refusal" engine: barrier map, stage of change and playbook.

Plain Python with no Django imports. Everything a supporter reads lives as data in
``porchlight/content/understand/``:

- ``questions.yaml``: the guided questions about what the supporter observes;
- ``scoring.yaml``: for every option, which barriers and stages it points to (whole
  number weights) and a "because you said ..." phrase, plus the descriptions of each
  barrier, stage, the relapse note and the safety flags, with sources;
- ``playbook.yaml``: rules that turn the map into next steps, things to avoid,
  techniques, when to bring in a professional, support groups and (for BPD)
  relationship patterns, each linked to a learn article and citing sources;
- ``demo_answers.yaml``: answers for the demo circles.

Loading is strict and cached (:func:`load_content`): unknown ids, missing or unknown
sources, article slugs that don't exist, options without a score and empty sections
raise :class:`ContentError` (a ``ValueError``) naming the file and the item.

:func:`score` adds up weights, so every barrier and the stage estimate carry the
answers that led there. :func:`build_playbook` picks the items that fit, ranked by
the strongest reason they fit, and always gives exactly three next steps. Both are
deterministic: the same input always gives the same output, in the same order.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from porchlight.content.library import DEFAULT_DIRECTORY as ARTICLES_DIRECTORY
from porchlight.content.library import load_articles
from porchlight.content.questionnaire import Option, Question, Source, by_id

__all__ = [
    "ARTICLES_DIRECTORY",
    "CONTENT_DIRECTORY",
    "NEXT_STEP_COUNT",
    "SECTIONS",
    "AnswerError",
    "Answers",
    "Assessment",
    "BarrierInfo",
    "BarrierScore",
    "ConcernInfo",
    "Condition",
    "Content",
    "ContentError",
    "Effect",
    "FlagInfo",
    "FlagResult",
    "Option",
    "Playbook",
    "PlaybookItem",
    "PlaybookRule",
    "PlaybookRules",
    "Question",
    "Reason",
    "RelapseInfo",
    "RelationshipInfo",
    "Scoring",
    "Source",
    "StageEstimate",
    "StageInfo",
    "build_playbook",
    "clear_cache",
    "load_content",
    "load_demo_answers",
    "normalize_answers",
    "score",
]

CONTENT_DIRECTORY = Path(__file__).resolve().parent.parent / "content" / "understand"
QUESTIONS_FILE = "questions.yaml"
SCORING_FILE = "scoring.yaml"
PLAYBOOK_FILE = "playbook.yaml"
DEMO_FILE = "demo_answers.yaml"

#: A playbook always has exactly this many next steps.
NEXT_STEP_COUNT = 3
#: Playbook sections, in the order they are shown.
SECTIONS = (
    "next_steps",
    "avoid",
    "techniques",
    "professional_help",
    "support_groups",
    "patterns",
)
_TITLED_SECTIONS = frozenset({"techniques", "support_groups", "patterns"})
_CONDITION_KEYS = ("barriers", "stages", "concerns", "relationships", "flags", "relapse")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SLOT_RE = re.compile(r"^barrier_([1-9][0-9]*)$")
# The reasons an item can fit; settings.priority orders them with barrier_1..barrier_N.
_SIMPLE_SLOTS = ("flags", "concerns", "stage", "relationships", "general")

#: Answers as a form gives them: question id -> option id, or a list of option ids.
Answers = Mapping[str, str | Sequence[str] | None]


class ContentError(ValueError):
    """A content file is broken. The message names the file, the item and the problem."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file = file
        self.where = where
        self.problem = problem
        location = f"{file}: {where}" if where else file
        super().__init__(f"{location}: {problem}")


class AnswerError(ValueError):
    """Answers, concerns, a relationship or an adjustment use an id the content doesn't have."""


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class Effect:
    """What choosing one option means: weights per barrier and stage, flags, relapse."""

    question_id: str
    option_id: str
    because: str
    barriers: tuple[tuple[str, int], ...]
    stages: tuple[tuple[str, int], ...]
    flags: tuple[str, ...]
    relapse: bool

    @property
    def reason_text(self) -> str:
        return f"Because you said {self.because}."


@dataclass(frozen=True)
class BarrierInfo:
    id: str
    title: str
    meaning: str
    what_to_do: str
    article: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class StageInfo:
    id: str
    title: str
    quote: str
    meaning: str
    helps: tuple[str, ...]
    backfires: tuple[str, ...]
    article: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class RelapseInfo:
    title: str
    meaning: str
    helps: tuple[str, ...]
    backfires: tuple[str, ...]
    article: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FlagInfo:
    id: str
    title: str
    meaning: str
    article: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Scoring:
    barriers: tuple[BarrierInfo, ...]
    stages: tuple[StageInfo, ...]
    relapse: RelapseInfo
    flags: tuple[FlagInfo, ...]
    effects: Mapping[tuple[str, str], Effect]
    default_stage: str
    full_evidence: int
    high_confidence: float
    medium_confidence: float

    @property
    def barrier_ids(self) -> tuple[str, ...]:
        return tuple(b.id for b in self.barriers)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.flags)

    def barrier(self, barrier_id: str) -> BarrierInfo:
        return by_id(self.barriers, barrier_id)

    def stage(self, stage_id: str) -> StageInfo:
        return by_id(self.stages, stage_id)

    def flag(self, flag_id: str) -> FlagInfo:
        return by_id(self.flags, flag_id)


@dataclass(frozen=True)
class Condition:
    """One way an item can fit; every key that is set must hold."""

    barriers: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    concerns: frozenset[str] = frozenset()
    relationships: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    relapse: bool | None = None


@dataclass(frozen=True)
class PlaybookRule:
    section: str
    id: str
    title: str
    text: str
    article: str
    sources: tuple[Source, ...]
    when: tuple[Condition, ...]
    url: str = ""
    responses: tuple[str, ...] = ()
    violence_caution: bool = False


@dataclass(frozen=True)
class ConcernInfo:
    id: str
    label: str
    article: str


@dataclass(frozen=True)
class RelationshipInfo:
    id: str
    label: str


@dataclass(frozen=True)
class PlaybookRules:
    top_barriers: int
    #: Why an item can fit, strongest first: flags, barrier_1, concerns, ... general.
    priority: tuple[str, ...]
    limits: Mapping[str, int]
    concerns: tuple[ConcernInfo, ...]
    relationships: tuple[RelationshipInfo, ...]
    sections: Mapping[str, tuple[PlaybookRule, ...]]

    @property
    def concern_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.concerns)

    @property
    def relationship_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.relationships)

    def concern(self, concern_id: str) -> ConcernInfo:
        return by_id(self.concerns, concern_id)

    def relationship(self, relationship_id: str) -> RelationshipInfo:
        return by_id(self.relationships, relationship_id)

    @property
    def rules(self) -> tuple[PlaybookRule, ...]:
        return tuple(rule for section in SECTIONS for rule in self.sections[section])


@dataclass(frozen=True)
class Content:
    """Questions, scoring and playbook rules, loaded and checked against each other."""

    questions: tuple[Question, ...]
    scoring: Scoring
    playbook: PlaybookRules
    directory: Path

    def question(self, question_id: str) -> Question:
        return by_id(self.questions, question_id)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """One answer behind a barrier or stage: "Because you said ..."."""

    question_id: str
    option_id: str
    weight: int
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class BarrierScore:
    id: str
    title: str
    meaning: str
    score: int
    reasons: tuple[Reason, ...]

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.reasons)


@dataclass(frozen=True)
class StageEstimate:
    id: str
    title: str
    #: Share of the stage evidence pointing here, scaled down when evidence is thin (0-1).
    confidence: float
    #: "high", "medium" or "low".
    confidence_label: str
    reasons: tuple[Reason, ...]
    #: Evidence per stage, in stage order.
    evidence: tuple[tuple[str, int], ...]
    recent_relapse: bool = False
    relapse_reasons: tuple[Reason, ...] = ()

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.reasons)


@dataclass(frozen=True)
class FlagResult:
    id: str
    title: str
    meaning: str
    article: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Assessment:
    """The barrier map and stage estimate for one set of answers."""

    #: Barriers with a score above zero, strongest first.
    barriers: tuple[BarrierScore, ...]
    stage: StageEstimate
    flags: tuple[FlagResult, ...]
    concerns: tuple[str, ...]
    relationship: str
    #: The answers used, in question order: (question id, chosen option ids).
    answers: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def barrier_ids(self) -> tuple[str, ...]:
        return tuple(b.id for b in self.barriers)

    @property
    def top_barrier(self) -> str | None:
        return self.barriers[0].id if self.barriers else None

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.flags)

    @property
    def answered(self) -> int:
        return len(self.answers)

    def barrier(self, barrier_id: str) -> BarrierScore | None:
        for barrier in self.barriers:
            if barrier.id == barrier_id:
                return barrier
        return None

    def answers_dict(self) -> dict[str, list[str]]:
        """The answers as plain data, e.g. to store as JSON."""
        return {question: list(options) for question, options in self.answers}


@dataclass(frozen=True)
class PlaybookItem:
    section: str
    id: str
    title: str
    text: str
    article: str
    #: Why this item fits, e.g. "Because you are worried about alcohol."
    reasons: tuple[str, ...]
    sources: tuple[Source, ...]
    url: str = ""
    responses: tuple[str, ...] = ()
    #: Stepping back, withdrawing rewards or letting consequences happen: shown only
    #: after "Is it safe for you?" (porchlight/safety/personal_safety.py).
    violence_caution: bool = False

    @property
    def article_url(self) -> str:
        return f"/learn/{self.article}/"


@dataclass(frozen=True)
class Playbook:
    #: The barriers the playbook was built for, in order (the supporter's if adjusted).
    barriers: tuple[str, ...]
    adjusted: bool
    stage: str
    stage_adjusted: bool
    recent_relapse: bool
    concerns: tuple[str, ...]
    relationship: str
    flags: tuple[str, ...]
    next_steps: tuple[PlaybookItem, ...]
    avoid: tuple[PlaybookItem, ...]
    techniques: tuple[PlaybookItem, ...]
    professional_help: tuple[PlaybookItem, ...]
    support_groups: tuple[PlaybookItem, ...]
    patterns: tuple[PlaybookItem, ...] = field(default=())

    def section(self, name: str) -> tuple[PlaybookItem, ...]:
        if name not in SECTIONS:
            raise KeyError(name)
        items: tuple[PlaybookItem, ...] = getattr(self, name)
        return items

    def sections(self) -> tuple[tuple[str, tuple[PlaybookItem, ...]], ...]:
        return tuple((name, self.section(name)) for name in SECTIONS)

    def ids(self, name: str) -> tuple[str, ...]:
        return tuple(item.id for item in self.section(name))

    @property
    def items(self) -> tuple[PlaybookItem, ...]:
        return tuple(item for _, items in self.sections() for item in items)

    @property
    def articles(self) -> tuple[str, ...]:
        """Every article slug the playbook links to, in order of first mention."""
        return tuple(dict.fromkeys(item.article for item in self.items))


# --------------------------------------------------------------------------- loading helpers


def _read_yaml(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(name, "", f"file not found in {directory}") from error
    except UnicodeDecodeError as error:
        raise ContentError(name, "", f"is not valid UTF-8 ({error.reason})") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(name, "", f"is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ContentError(name, "", "must be a YAML mapping at the top level")
    return data


def _keys(
    entry: Any, file: str, where: str, *, required: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ContentError(file, where, "must be a mapping")
    required = tuple(required)
    missing = [key for key in required if entry.get(key) is None]
    if missing:
        raise ContentError(file, where, f"missing {', '.join(missing)}")
    unknown = sorted(str(key) for key in set(entry) - set(required) - set(optional))
    if unknown:
        raise ContentError(file, where, f"unknown field(s): {', '.join(unknown)}")
    return entry


def _id(value: Any, file: str, where: str) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        hint = (
            " (quote it: YAML reads yes/no/on/off as true/false)" if isinstance(value, bool) else ""
        )
        raise ContentError(file, where, f"id {value!r} must be snake_case text{hint}")
    return value


def _text(
    entry: Mapping[str, Any], key: str, file: str, where: str, *, required: bool = True
) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, where, f"'{key}' must be non-empty text")
    return " ".join(value.split())


def _texts(entry: Mapping[str, Any], key: str, file: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(file, where, f"'{key}' must be a non-empty list")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(file, where, f"every item in '{key}' must be non-empty text")
    return tuple(" ".join(item.split()) for item in value)


def _reviewed(data: Mapping[str, Any], file: str) -> None:
    value = data.get("reviewed")
    if isinstance(value, dt.date):
        return
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return
    raise ContentError(file, "reviewed", "must be a date like 2026-11-23")


def _list(value: Any, file: str, where: str, what: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ContentError(file, where, f"'{what}' must be a non-empty list")
    return value


def _mapping(value: Any, file: str, where: str, what: str) -> dict[Any, Any]:
    if not isinstance(value, dict) or not value:
        raise ContentError(file, where, f"'{what}' must be a non-empty mapping")
    return value


def _unique(ids: Iterable[str], file: str, what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ContentError(file, f"{what} {item!r}", "id is used twice")
        seen.add(item)


class _Sources:
    """A file's table of sources; tracks which keys are cited so unused ones are caught."""

    def __init__(self, raw: Any, file: str) -> None:
        self.file = file
        self.table: dict[str, Source] = {}
        self.used: set[str] = set()
        for key, entry in _mapping(raw, file, "sources", "sources").items():
            where = f"source {key!r}"
            _id(key, file, where)
            _keys(entry, file, where, required=("title",), optional=("url",))
            url = _text(entry, "url", file, where, required=False)
            if url and not url.startswith("https://"):
                raise ContentError(file, where, "url must start with https://")
            caution = entry.get("violence_caution", False)
            if not isinstance(caution, bool):
                raise ContentError(file, where, "violence_caution must be true or false")
            self.table[key] = Source(key=key, title=_text(entry, "title", file, where), url=url)

    def cite(self, entry: Mapping[str, Any], where: str) -> tuple[Source, ...]:
        raw = entry.get("sources")
        if not isinstance(raw, list) or not raw:
            raise ContentError(self.file, where, "missing sources (a list of keys from 'sources')")
        cited: list[Source] = []
        for key in raw:
            if not isinstance(key, str) or key not in self.table:
                raise ContentError(self.file, where, f"unknown source {key!r}")
            if key in (source.key for source in cited):
                raise ContentError(self.file, where, f"source {key!r} is cited twice")
            self.used.add(key)
            cited.append(self.table[key])
        return tuple(cited)

    def check_all_used(self) -> None:
        unused = sorted(set(self.table) - self.used)
        if unused:
            raise ContentError(self.file, f"source {unused[0]!r}", "is never cited")


def _article(
    entry: Mapping[str, Any], slugs: frozenset[str], file: str, where: str, key: str = "article"
) -> str:
    slug = entry.get(key)
    if not isinstance(slug, str) or not slug.strip():
        raise ContentError(file, where, f"missing '{key}' (the slug of a learn article)")
    if slug not in slugs:
        raise ContentError(file, where, f"article {slug!r} does not exist in the learn library")
    return slug


# --------------------------------------------------------------------------- questions


def _load_questions(directory: Path) -> tuple[Question, ...]:
    file = QUESTIONS_FILE
    data = _read_yaml(directory, file)
    _keys(data, file, "", required=("reviewed", "questions"))
    _reviewed(data, file)
    questions = []
    for index, entry in enumerate(_list(data["questions"], file, "", "questions")):
        question_id = _id(
            entry.get("id") if isinstance(entry, dict) else None, file, f"questions[{index}]"
        )
        where = f"question {question_id!r}"
        _keys(entry, file, where, required=("id", "text", "options"), optional=("help", "multiple"))
        multiple = entry.get("multiple", False)
        if not isinstance(multiple, bool):
            raise ContentError(file, where, "'multiple' must be true or false")
        options = []
        for number, option in enumerate(_list(entry["options"], file, where, "options")):
            option_where = f"{where} options[{number}]"
            option_id = _id(
                option.get("id") if isinstance(option, dict) else None, file, option_where
            )
            option_where = f"{where} option {option_id!r}"
            _keys(option, file, option_where, required=("id", "label"))
            options.append(Option(id=option_id, label=_text(option, "label", file, option_where)))
        if len(options) < 2:
            raise ContentError(file, where, "needs at least two options")
        _unique((o.id for o in options), file, f"{where} option")
        questions.append(
            Question(
                id=question_id,
                text=_text(entry, "text", file, where),
                help=_text(entry, "help", file, where, required=False),
                multiple=multiple,
                options=tuple(options),
            )
        )
    _unique((q.id for q in questions), file, "question")
    return tuple(questions)


# --------------------------------------------------------------------------- scoring


def _weights(
    raw: Any, known: Sequence[str], file: str, where: str, what: str
) -> tuple[tuple[str, int], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise ContentError(file, where, f"'{what}' must map ids to whole-number weights")
    weights = []
    for key, weight in raw.items():
        if key not in known:
            raise ContentError(file, where, f"unknown {what[:-1]} {key!r}")
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 10:
            raise ContentError(file, where, f"weight for {key!r} must be a whole number 1-10")
        weights.append((key, weight))
    order = {key: index for index, key in enumerate(known)}
    return tuple(sorted(weights, key=lambda item: order[item[0]]))


def _load_scoring(
    directory: Path, questions: tuple[Question, ...], slugs: frozenset[str]
) -> Scoring:
    file = SCORING_FILE
    data = _read_yaml(directory, file)
    _keys(
        data,
        file,
        "",
        required=(
            "reviewed",
            "sources",
            "default_stage",
            "stage_confidence",
            "barriers",
            "stages",
            "relapse",
            "flags",
            "options",
        ),
    )
    _reviewed(data, file)
    sources = _Sources(data["sources"], file)

    barriers = []
    for barrier_id, entry in _mapping(data["barriers"], file, "", "barriers").items():
        where = f"barrier {_id(barrier_id, file, 'barriers')!r}"
        _keys(entry, file, where, required=("title", "meaning", "what_to_do", "article", "sources"))
        barriers.append(
            BarrierInfo(
                id=barrier_id,
                title=_text(entry, "title", file, where),
                meaning=_text(entry, "meaning", file, where),
                what_to_do=_text(entry, "what_to_do", file, where),
                article=_article(entry, slugs, file, where),
                sources=sources.cite(entry, where),
            )
        )

    stages = []
    for stage_id, entry in _mapping(data["stages"], file, "", "stages").items():
        where = f"stage {_id(stage_id, file, 'stages')!r}"
        _keys(
            entry,
            file,
            where,
            required=("title", "quote", "meaning", "helps", "backfires", "article", "sources"),
        )
        stages.append(
            StageInfo(
                id=stage_id,
                title=_text(entry, "title", file, where),
                quote=_text(entry, "quote", file, where),
                meaning=_text(entry, "meaning", file, where),
                helps=_texts(entry, "helps", file, where),
                backfires=_texts(entry, "backfires", file, where),
                article=_article(entry, slugs, file, where),
                sources=sources.cite(entry, where),
            )
        )

    where = "relapse"
    entry = _keys(
        data["relapse"],
        file,
        where,
        required=("title", "meaning", "helps", "backfires", "article", "sources"),
    )
    relapse = RelapseInfo(
        title=_text(entry, "title", file, where),
        meaning=_text(entry, "meaning", file, where),
        helps=_texts(entry, "helps", file, where),
        backfires=_texts(entry, "backfires", file, where),
        article=_article(entry, slugs, file, where),
        sources=sources.cite(entry, where),
    )

    flags = []
    for flag_id, entry in _mapping(data["flags"], file, "", "flags").items():
        where = f"flag {_id(flag_id, file, 'flags')!r}"
        _keys(entry, file, where, required=("title", "meaning", "article", "sources"))
        flags.append(
            FlagInfo(
                id=flag_id,
                title=_text(entry, "title", file, where),
                meaning=_text(entry, "meaning", file, where),
                article=_article(entry, slugs, file, where),
                sources=sources.cite(entry, where),
            )
        )

    barrier_ids = [b.id for b in barriers]
    stage_ids = [s.id for s in stages]
    flag_ids = [f.id for f in flags]

    default_stage = data["default_stage"]
    if default_stage not in stage_ids:
        raise ContentError(file, "default_stage", f"unknown stage {default_stage!r}")
    confidence = _keys(
        data["stage_confidence"],
        file,
        "stage_confidence",
        required=("full_evidence", "high", "medium"),
    )
    full_evidence = confidence["full_evidence"]
    if isinstance(full_evidence, bool) or not isinstance(full_evidence, int) or full_evidence < 1:
        raise ContentError(file, "stage_confidence", "full_evidence must be a whole number >= 1")
    high, medium = confidence["high"], confidence["medium"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (high, medium)):
        raise ContentError(file, "stage_confidence", "high and medium must be numbers")
    if not 0 < medium < high <= 1:
        raise ContentError(file, "stage_confidence", "needs 0 < medium < high <= 1")

    raw_options = _mapping(data["options"], file, "", "options")
    effects: dict[tuple[str, str], Effect] = {}
    by_id = {q.id: q for q in questions}
    for question_id, per_option in raw_options.items():
        question = by_id.get(question_id)
        if question is None:
            raise ContentError(file, f"options {question_id!r}", "unknown question")
        per_option = _mapping(per_option, file, f"options {question_id!r}", question_id)
        for option_id, entry in per_option.items():
            where = f"option {question_id}.{option_id}"
            if option_id not in question.option_ids:
                raise ContentError(file, where, "unknown option for this question")
            _keys(
                entry,
                file,
                where,
                required=("because",),
                optional=("barriers", "stages", "flags", "relapse"),
            )
            because = _text(entry, "because", file, where)
            if because.lower().startswith("because"):
                raise ContentError(file, where, "'because' finishes 'Because you said ...'")
            raw_flags = entry.get("flags", [])
            if not isinstance(raw_flags, list) or any(f not in flag_ids for f in raw_flags):
                raise ContentError(file, where, f"flags must be a list from {', '.join(flag_ids)}")
            relapse_mark = entry.get("relapse", False)
            if not isinstance(relapse_mark, bool):
                raise ContentError(file, where, "'relapse' must be true or false")
            effects[(question_id, option_id)] = Effect(
                question_id=question_id,
                option_id=option_id,
                because=because.rstrip("."),
                barriers=_weights(entry.get("barriers"), barrier_ids, file, where, "barriers"),
                stages=_weights(entry.get("stages"), stage_ids, file, where, "stages"),
                flags=tuple(raw_flags),
                relapse=relapse_mark,
            )
    for question in questions:
        for option_id in question.option_ids:
            if (question.id, option_id) not in effects:
                raise ContentError(
                    file,
                    f"option {question.id}.{option_id}",
                    "has no entry; every option needs one",
                )

    # Every barrier and stage must be reachable, or the map can never show it.
    for barrier_id in barrier_ids:
        if not any(dict(e.barriers).get(barrier_id) for e in effects.values()):
            raise ContentError(file, f"barrier {barrier_id!r}", "no option gives it any weight")
    for stage_id in stage_ids:
        if not any(dict(e.stages).get(stage_id) for e in effects.values()):
            raise ContentError(file, f"stage {stage_id!r}", "no option gives it any evidence")
    for flag_id in flag_ids:
        if not any(flag_id in e.flags for e in effects.values()):
            raise ContentError(file, f"flag {flag_id!r}", "no option raises it")
    sources.check_all_used()

    return Scoring(
        barriers=tuple(barriers),
        stages=tuple(stages),
        relapse=relapse,
        flags=tuple(flags),
        effects=MappingProxyType(effects),
        default_stage=default_stage,
        full_evidence=full_evidence,
        high_confidence=float(high),
        medium_confidence=float(medium),
    )


# --------------------------------------------------------------------------- playbook


def _condition(raw: Any, known: Mapping[str, Sequence[str]], file: str, where: str) -> Condition:
    if not isinstance(raw, dict) or not raw:
        raise ContentError(file, where, "each 'when' condition must be a non-empty mapping")
    unknown = sorted(str(key) for key in set(raw) - set(_CONDITION_KEYS))
    if unknown:
        raise ContentError(
            file,
            where,
            f"unknown 'when' key(s) {', '.join(unknown)}; use {', '.join(_CONDITION_KEYS)}",
        )
    values: dict[str, Any] = {}
    for key in _CONDITION_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if key == "relapse":
            if not isinstance(value, bool):
                raise ContentError(file, where, "'relapse' must be true or false")
            values[key] = value
            continue
        if not isinstance(value, list) or not value:
            raise ContentError(file, where, f"'{key}' must be a non-empty list of ids")
        for item in value:
            if item not in known[key]:
                raise ContentError(file, where, f"unknown {key[:-1]} {item!r} in 'when'")
        values[key] = frozenset(value)
    return Condition(**values)


def _load_playbook(directory: Path, scoring: Scoring, slugs: frozenset[str]) -> PlaybookRules:
    file = PLAYBOOK_FILE
    data = _read_yaml(directory, file)
    _keys(
        data,
        file,
        "",
        required=("reviewed", "settings", "sources", "concerns", "relationships", *SECTIONS),
    )
    _reviewed(data, file)
    sources = _Sources(data["sources"], file)

    settings = _keys(
        data["settings"],
        file,
        "settings",
        required=("top_barriers", "priority", "limits"),
    )
    top_barriers = settings["top_barriers"]
    if isinstance(top_barriers, bool) or not isinstance(top_barriers, int) or top_barriers < 1:
        raise ContentError(file, "settings", "top_barriers must be a whole number >= 1")
    priority = _list(settings["priority"], file, "settings", "priority")
    expected = {*_SIMPLE_SLOTS, *(f"barrier_{n}" for n in range(1, top_barriers + 1))}
    if len(set(map(str, priority))) != len(priority) or set(priority) != expected:
        raise ContentError(
            file,
            "settings",
            f"priority must list each of {', '.join(sorted(expected))} exactly once",
        )
    limits_raw = _mapping(settings["limits"], file, "settings", "limits")
    limits = {}
    for section, limit in limits_raw.items():
        if section not in SECTIONS or section == "next_steps":
            raise ContentError(file, "settings", f"limits: unknown section {section!r}")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ContentError(file, "settings", f"limits: {section} must be a whole number >= 1")
        limits[section] = limit

    concerns = []
    for concern_id, entry in _mapping(data["concerns"], file, "", "concerns").items():
        where = f"concern {_id(concern_id, file, 'concerns')!r}"
        _keys(entry, file, where, required=("label", "article"))
        concerns.append(
            ConcernInfo(
                id=concern_id,
                label=_text(entry, "label", file, where),
                article=_article(entry, slugs, file, where),
            )
        )
    relationships = []
    for relationship_id, entry in _mapping(
        data["relationships"], file, "", "relationships"
    ).items():
        where = f"relationship {_id(relationship_id, file, 'relationships')!r}"
        _keys(entry, file, where, required=("label",))
        relationships.append(
            RelationshipInfo(id=relationship_id, label=_text(entry, "label", file, where))
        )

    known = {
        "barriers": scoring.barrier_ids,
        "stages": scoring.stage_ids,
        "concerns": tuple(c.id for c in concerns),
        "relationships": tuple(r.id for r in relationships),
        "flags": scoring.flag_ids,
    }
    sections: dict[str, tuple[PlaybookRule, ...]] = {}
    for section in SECTIONS:
        rules = []
        titled = section in _TITLED_SECTIONS
        required = ["id", "text", "article", "sources"] + (["title"] if titled else [])
        optional = ["when", "violence_caution"]
        if section == "support_groups":
            optional.append("url")
        if section == "patterns":
            required.append("responses")
        for index, entry in enumerate(_list(data[section], file, "", section)):
            rule_id = _id(
                entry.get("id") if isinstance(entry, dict) else None, file, f"{section}[{index}]"
            )
            where = f"{section} {rule_id!r}"
            _keys(entry, file, where, required=required, optional=optional)
            raw_when = entry.get("when")
            if raw_when is None:
                when: tuple[Condition, ...] = ()
            elif isinstance(raw_when, list):
                if not raw_when:
                    raise ContentError(file, where, "'when' must not be an empty list")
                when = tuple(_condition(item, known, file, where) for item in raw_when)
            else:
                when = (_condition(raw_when, known, file, where),)
            url = _text(entry, "url", file, where, required=False)
            if url and not url.startswith("https://"):
                raise ContentError(file, where, "url must start with https://")
            caution = entry.get("violence_caution", False)
            if not isinstance(caution, bool):
                raise ContentError(file, where, "violence_caution must be true or false")
            rules.append(
                PlaybookRule(
                    section=section,
                    id=rule_id,
                    title=_text(entry, "title", file, where, required=titled),
                    text=_text(entry, "text", file, where),
                    article=_article(entry, slugs, file, where),
                    sources=sources.cite(entry, where),
                    when=when,
                    url=url,
                    responses=_texts(entry, "responses", file, where)
                    if section == "patterns"
                    else (),
                    violence_caution=caution,
                )
            )
        _unique((rule.id for rule in rules), file, f"{section} item")
        sections[section] = tuple(rules)

    general_steps = [rule for rule in sections["next_steps"] if not rule.when]
    if len(general_steps) < NEXT_STEP_COUNT:
        raise ContentError(
            file,
            "next_steps",
            f"needs at least {NEXT_STEP_COUNT} steps without 'when', so there are always"
            f" {NEXT_STEP_COUNT}",
        )
    sources.check_all_used()
    return PlaybookRules(
        top_barriers=top_barriers,
        priority=tuple(priority),
        limits=MappingProxyType(limits),
        concerns=tuple(concerns),
        relationships=tuple(relationships),
        sections=MappingProxyType(sections),
    )


@functools.lru_cache(maxsize=8)
def _load_content(directory: Path, articles_directory: Path) -> Content:
    slugs = frozenset(load_articles(articles_directory))
    questions = _load_questions(directory)
    scoring = _load_scoring(directory, questions, slugs)
    playbook = _load_playbook(directory, scoring, slugs)
    return Content(questions=questions, scoring=scoring, playbook=playbook, directory=directory)


def load_content(
    directory: Path | str | None = None, *, articles_directory: Path | str | None = None
) -> Content:
    """Load and cross-check questions.yaml, scoring.yaml and playbook.yaml.

    Cached per directory; call :func:`clear_cache` after editing. Raises
    :class:`ContentError` (a ``ValueError``) naming the file and item on any problem.
    """
    content_dir = Path(directory) if directory is not None else CONTENT_DIRECTORY
    articles_dir = (
        Path(articles_directory) if articles_directory is not None else ARTICLES_DIRECTORY
    )
    return _load_content(content_dir.resolve(), articles_dir.resolve())


def clear_cache() -> None:
    """Forget loaded content (for tests and content editing)."""
    _load_content.cache_clear()


def load_demo_answers(
    directory: Path | str | None = None, *, content: Content | None = None
) -> dict[str, dict[str, list[str]]]:
    """Answers for the demo circles, keyed by circle name, checked against the questions."""
    content = content if content is not None else load_content(directory)
    base = Path(directory) if directory is not None else content.directory
    file = DEMO_FILE
    data = _read_yaml(base, file)
    _keys(data, file, "", required=("circles",))
    result = {}
    for name, answers in _mapping(data["circles"], file, "", "circles").items():
        where = f"circle {name!r}"
        if not isinstance(name, str) or not name.strip():
            raise ContentError(file, where, "circle names must be text")
        answers = _mapping(answers, file, where, "answers")
        try:
            normalized = normalize_answers(answers, content=content)
        except AnswerError as error:
            raise ContentError(file, where, str(error)) from error
        result[name] = {question: list(options) for question, options in normalized}
    return result


# --------------------------------------------------------------------------- scoring answers


def normalize_answers(
    answers: Answers, *, content: Content | None = None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Check answers and put them in question and option order; unanswered ones are dropped."""
    content = content if content is not None else load_content()
    if not isinstance(answers, Mapping):
        raise AnswerError("answers must map question ids to option ids")
    by_id = {q.id: q for q in content.questions}
    for question_id in answers:
        if question_id not in by_id:
            raise AnswerError(f"unknown question {question_id!r}")
    result = []
    for question in content.questions:
        raw = answers.get(question.id)
        if raw is None or raw == "":
            continue
        if isinstance(raw, str):
            chosen = [raw]
        elif isinstance(raw, list | tuple | set | frozenset):
            chosen = list(raw)
        else:
            raise AnswerError(f"answer to {question.id!r} must be an option id or a list of them")
        for option_id in chosen:
            if not isinstance(option_id, str) or option_id not in question.option_ids:
                raise AnswerError(
                    f"unknown option {option_id!r} for question {question.id!r}"
                    f" (it has {', '.join(question.option_ids)})"
                )
        picked = set(chosen)
        if not picked:
            continue
        if not question.multiple and len(picked) > 1:
            raise AnswerError(f"question {question.id!r} takes one answer, got {len(picked)}")
        result.append((question.id, tuple(o for o in question.option_ids if o in picked)))
    return tuple(result)


def _check_concerns(concerns: Iterable[str], content: Content) -> tuple[str, ...]:
    if isinstance(concerns, str):
        raise AnswerError("concerns must be a list of concern ids, not one string")
    given = list(concerns)
    known = content.playbook.concern_ids
    for concern in given:
        if concern not in known:
            raise AnswerError(f"unknown concern {concern!r} (known: {', '.join(known)})")
    return tuple(c for c in known if c in given)


def _check_relationship(relationship: str, content: Content) -> str:
    known = content.playbook.relationship_ids
    if relationship not in known:
        raise AnswerError(f"unknown relationship {relationship!r} (known: {', '.join(known)})")
    return relationship


def score(
    answers: Answers,
    *,
    concerns: Iterable[str],
    relationship: str,
    content: Content | None = None,
) -> Assessment:
    """Turn the supporter's answers into a ranked barrier map and a stage estimate.

    Each chosen option adds its weights (scoring.yaml). Barriers with a score above
    zero are ranked by score, then by how many separate answers point to them, then
    by file order. Every barrier and the stage keep the answers behind them as
    :class:`Reason` objects ("Because you said ..."), strongest first.
    """
    content = content if content is not None else load_content()
    scoring = content.scoring
    chosen = normalize_answers(answers, content=content)
    concern_ids = _check_concerns(concerns, content)
    relationship = _check_relationship(relationship, content)

    barrier_reasons: dict[str, list[Reason]] = {b: [] for b in scoring.barrier_ids}
    stage_reasons: dict[str, list[Reason]] = {s: [] for s in scoring.stage_ids}
    flag_reasons: dict[str, list[Reason]] = {f: [] for f in scoring.flag_ids}
    relapse_reasons: list[Reason] = []
    for question_id, option_ids in chosen:
        for option_id in option_ids:
            effect = scoring.effects[(question_id, option_id)]
            text = effect.reason_text
            for barrier_id, weight in effect.barriers:
                barrier_reasons[barrier_id].append(Reason(question_id, option_id, weight, text))
            for stage_id, weight in effect.stages:
                stage_reasons[stage_id].append(Reason(question_id, option_id, weight, text))
            for flag_id in effect.flags:
                flag_reasons[flag_id].append(Reason(question_id, option_id, 0, text))
            if effect.relapse:
                relapse_reasons.append(Reason(question_id, option_id, 0, text))

    barrier_order = {b: i for i, b in enumerate(scoring.barrier_ids)}
    ranked = []
    for info in scoring.barriers:
        reasons = barrier_reasons[info.id]
        total = sum(r.weight for r in reasons)
        if total > 0:
            ranked.append(
                BarrierScore(
                    id=info.id,
                    title=info.title,
                    meaning=info.meaning,
                    score=total,
                    # Stable sort: equal weights keep question and option order.
                    reasons=tuple(sorted(reasons, key=lambda r: -r.weight)),
                )
            )
    ranked.sort(key=lambda b: (-b.score, -len(b.reasons), barrier_order[b.id]))

    evidence = tuple((s, sum(r.weight for r in stage_reasons[s])) for s in scoring.stage_ids)
    total_evidence = sum(value for _, value in evidence)
    stage_because: tuple[Reason, ...]
    if total_evidence == 0:
        stage_id, confidence, stage_because = scoring.default_stage, 0.0, ()
    else:
        # Highest evidence wins; ties go to the earlier (less ready) stage.
        stage_id, top = max(evidence, key=lambda item: item[1])
        confidence = round(top / max(total_evidence, scoring.full_evidence), 2)
        stage_because = tuple(sorted(stage_reasons[stage_id], key=lambda r: -r.weight))
    if confidence >= scoring.high_confidence:
        label = "high"
    elif confidence >= scoring.medium_confidence:
        label = "medium"
    else:
        label = "low"
    stage = StageEstimate(
        id=stage_id,
        title=scoring.stage(stage_id).title,
        confidence=confidence,
        confidence_label=label,
        reasons=stage_because,
        evidence=evidence,
        recent_relapse=bool(relapse_reasons),
        relapse_reasons=tuple(relapse_reasons),
    )
    flags = tuple(
        FlagResult(
            id=info.id,
            title=info.title,
            meaning=info.meaning,
            article=info.article,
            reasons=tuple(flag_reasons[info.id]),
        )
        for info in scoring.flags
        if flag_reasons[info.id]
    )
    return Assessment(
        barriers=tuple(ranked),
        stage=stage,
        flags=flags,
        concerns=concern_ids,
        relationship=relationship,
        answers=chosen,
    )


# --------------------------------------------------------------------------- playbook


@dataclass(frozen=True)
class _Situation:
    barriers: tuple[str, ...]  # the top barriers, in order
    stage: str
    relapse: bool
    concerns: frozenset[str]
    relationship: str
    flags: frozenset[str]


@dataclass(frozen=True)
class _Match:
    """A condition that holds, the reason it fits (its slot) and that slot's priority."""

    slot: str
    position: int
    condition: Condition


def _holds(condition: Condition, situation: _Situation) -> bool:
    if condition.barriers and not condition.barriers & set(situation.barriers):
        return False
    if condition.stages and situation.stage not in condition.stages:
        return False
    if condition.concerns and not condition.concerns & situation.concerns:
        return False
    if condition.relationships and situation.relationship not in condition.relationships:
        return False
    if condition.flags and not condition.flags & situation.flags:
        return False
    return condition.relapse is None or condition.relapse == situation.relapse


def _slot(condition: Condition, situation: _Situation) -> str:
    """The strongest reason a holding condition fits: a flag, then a barrier, and so on."""
    if condition.flags:
        return "flags"
    if condition.barriers:
        rank = min(i for i, b in enumerate(situation.barriers) if b in condition.barriers)
        return f"barrier_{rank + 1}"
    if condition.concerns:
        return "concerns"
    if condition.stages or condition.relapse is not None:
        return "stage"
    if condition.relationships:
        return "relationships"
    return "general"


def _matches(rule: PlaybookRule, situation: _Situation, priority: Sequence[str]) -> list[_Match]:
    """Every way ``rule`` fits, strongest first; empty when it doesn't fit."""
    found = []
    for condition in rule.when or (Condition(),):
        if _holds(condition, situation):
            slot = _slot(condition, situation)
            found.append(_Match(slot=slot, position=priority.index(slot), condition=condition))
    return sorted(found, key=lambda m: m.position)


def _why(matches: Sequence[_Match], situation: _Situation, content: Content) -> tuple[str, ...]:
    """Plain sentences saying why an item fits, strongest reason first, without repeats."""
    scoring, rules = content.scoring, content.playbook
    reasons: dict[str, None] = {}
    for match in matches:
        condition = match.condition
        for flag_id in scoring.flag_ids:
            if flag_id in condition.flags and flag_id in situation.flags:
                title = scoring.flag(flag_id).title
                reasons[f"Because you noticed {title[0].lower()}{title[1:]}."] = None
        for rank, barrier_id in enumerate(situation.barriers):
            if barrier_id in condition.barriers:
                title = scoring.barrier(barrier_id).title
                where = "the top barrier" if rank == 0 else "high"
                reasons[f"Because \u201c{title}\u201d is {where} on your map."] = None
        for concern_id in rules.concern_ids:
            if concern_id in condition.concerns and concern_id in situation.concerns:
                label = rules.concern(concern_id).label
                reasons[f"Because you are worried about {label}."] = None
        if condition.stages:
            title = scoring.stage(situation.stage).title
            reasons[f"Because they seem to be at the \u201c{title}\u201d stage."] = None
        if condition.relapse:
            reasons["Because there has been a recent setback."] = None
        if condition.relationships:
            label = rules.relationship(situation.relationship).label
            reasons[f"Because they are {label}."] = None
    if not reasons:
        reasons["Because it helps in almost every situation."] = None
    return tuple(reasons)


def _item(
    rule: PlaybookRule, matches: Sequence[_Match], situation: _Situation, content: Content
) -> PlaybookItem:
    return PlaybookItem(
        section=rule.section,
        id=rule.id,
        title=rule.title,
        text=rule.text,
        article=rule.article,
        reasons=_why(matches, situation, content),
        sources=rule.sources,
        url=rule.url,
        responses=rule.responses,
        violence_caution=rule.violence_caution,
    )


def _ranked(
    rules: tuple[PlaybookRule, ...], situation: _Situation, content: Content
) -> list[tuple[PlaybookRule, list[_Match]]]:
    """Fitting rules, ordered by their strongest reason's priority, then file order."""
    priority = content.playbook.priority
    fitting = [(rule, found) for rule in rules if (found := _matches(rule, situation, priority))]
    return sorted(fitting, key=lambda pair: pair[1][0].position)  # stable: keeps file order


def _next_steps(
    rules: tuple[PlaybookRule, ...], situation: _Situation, content: Content
) -> tuple[PlaybookItem, ...]:
    """One step per priority slot (the first in file order that fits for that reason),
    then the best remaining steps, until there are exactly NEXT_STEP_COUNT."""
    fitting = [
        (rule, found)
        for rule in rules
        if (found := _matches(rule, situation, content.playbook.priority))
    ]
    picked: list[PlaybookItem] = []
    used: set[str] = set()
    for slot in content.playbook.priority:
        if len(picked) == NEXT_STEP_COUNT:
            break
        for rule, found in fitting:
            match = next((m for m in found if m.slot == slot), None)
            if rule.id not in used and match is not None:
                others = [m for m in found if m is not match]
                picked.append(_item(rule, [match, *others], situation, content))
                used.add(rule.id)
                break
    for rule, found in _ranked(rules, situation, content):
        if len(picked) == NEXT_STEP_COUNT:
            break
        if rule.id not in used:
            picked.append(_item(rule, found, situation, content))
            used.add(rule.id)
    return tuple(picked)


def _section(
    name: str, rules: tuple[PlaybookRule, ...], situation: _Situation, content: Content
) -> tuple[PlaybookItem, ...]:
    ranked = _ranked(rules, situation, content)
    limit = content.playbook.limits.get(name)
    if limit is not None:
        ranked = ranked[:limit]
    return tuple(_item(rule, found, situation, content) for rule, found in ranked)


def build_playbook(
    assessment: Assessment,
    *,
    concerns: Iterable[str],
    relationship: str,
    adjusted_barriers: Sequence[str] | None = None,
    stage: str | None = None,
    content: Content | None = None,
) -> Playbook:
    """Build the playbook for an assessment and the circle's concerns and relationship.

    ``adjusted_barriers`` is the supporter's own order of barrier ids; when given it
    replaces the ranking from the answers (an empty list means "none of these fit").
    ``stage`` likewise replaces the estimated stage. The playbook uses the top
    ``settings.top_barriers`` barriers. There are always exactly three next steps.
    """
    content = content if content is not None else load_content()
    scoring, rules = content.scoring, content.playbook
    concern_ids = _check_concerns(concerns, content)
    relationship = _check_relationship(relationship, content)
    if adjusted_barriers is not None:
        if isinstance(adjusted_barriers, str):
            raise AnswerError("adjusted_barriers must be a list of barrier ids, not one string")
        order = tuple(adjusted_barriers)
        for barrier_id in order:
            if barrier_id not in scoring.barrier_ids:
                raise AnswerError(f"unknown barrier {barrier_id!r} in adjusted_barriers")
        if len(set(order)) != len(order):
            raise AnswerError("adjusted_barriers lists a barrier twice")
    else:
        order = assessment.barrier_ids
    if stage is not None and stage not in scoring.stage_ids:
        raise AnswerError(f"unknown stage {stage!r} (known: {', '.join(scoring.stage_ids)})")
    stage_id = stage if stage is not None else assessment.stage.id

    situation = _Situation(
        barriers=order[: rules.top_barriers],
        stage=stage_id,
        relapse=assessment.stage.recent_relapse,
        concerns=frozenset(concern_ids),
        relationship=relationship,
        flags=frozenset(assessment.flag_ids),
    )
    sections = rules.sections
    return Playbook(
        barriers=order,
        adjusted=adjusted_barriers is not None,
        stage=stage_id,
        stage_adjusted=stage is not None and stage != assessment.stage.id,
        recent_relapse=assessment.stage.recent_relapse,
        concerns=concern_ids,
        relationship=relationship,
        flags=assessment.flag_ids,
        next_steps=_next_steps(sections["next_steps"], situation, content),
        avoid=_section("avoid", sections["avoid"], situation, content),
        techniques=_section("techniques", sections["techniques"], situation, content),
        professional_help=_section(
            "professional_help", sections["professional_help"], situation, content
        ),
        support_groups=_section("support_groups", sections["support_groups"], situation, content),
        patterns=_section("patterns", sections["patterns"], situation, content),
    )
