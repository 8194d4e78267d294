"""The content model and results of the Understand engine: frozen dataclasses only.

Plain Python, no Django. :mod:`.load` builds the content from YAML, :mod:`.score`
turns answers into an :class:`Assessment`, :mod:`.playbook` builds a :class:`Playbook`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from porchlight.content.questionnaire import Question, Source, by_id
from porchlight.content.reader import ContentDataError

CONTENT_DIRECTORY = Path(__file__).resolve().parents[2] / "content" / "understand"
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
_SLOT_RE = re.compile(r"^barrier_([1-9][0-9]*)$")
# The reasons an item can fit; settings.priority orders them with barrier_1..barrier_N.
_SIMPLE_SLOTS = ("flags", "concerns", "stage", "relationships", "general")

#: Answers as a form gives them: question id -> option id, or a list of option ids.
Answers = Mapping[str, str | Sequence[str] | None]


class ContentError(ContentDataError):
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
