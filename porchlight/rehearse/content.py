"""Rehearsal scenarios as data: loaded from content/rehearse/ and checked strictly.

A scenario combines a concern (what the loved one lives with, in their voice),
a moment (when the talk happens) and a personality (how they answer). Replies
are shared: a personality's bank answers every kind of move in every state,
and the concern adds lines of its own, so 24 scenarios stay small and DRY.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import Source
from porchlight.content.reader import ContentDataError, Reader, read_yaml

DIRECTORY = Path(__file__).resolve().parent.parent / "content" / "rehearse"
MOVES = (
    "roadblock",
    "complex_reflection",
    "reflection",
    "open_question",
    "closed_question",
    "support",
    "other",
)
STATES = ("shut_down", "guard_up", "listening", "opening_up")


class RehearseContentError(ContentDataError):
    """A rehearsal content file is broken."""


@dataclass(frozen=True)
class State:
    id: str
    title: str
    shows: str
    low: int
    earliest_turn: int


@dataclass(frozen=True)
class Move:
    id: str
    title: str
    trust: int
    defensiveness: int
    did_up: str
    did_down: str
    did_same: str
    tip: str


@dataclass(frozen=True)
class Rules:
    questions_in_a_row: int
    interrogation_defensiveness: int
    judged_penalty: int
    reflections_to_feel_heard: int
    max_stage_steps: int


@dataclass(frozen=True)
class Personality:
    id: str
    title: str
    about: str
    trust: int
    defensiveness: int
    extra: dict[str, tuple[int, int]]
    unclear: tuple[str, ...]
    memory_judged: tuple[str, ...]
    replies: dict[str, dict[str, tuple[str, ...]]]  # state -> move -> lines


@dataclass(frozen=True)
class Concern:
    id: str
    title: str
    topic: str
    barrier: str
    believes: str
    moves_them: str
    sources: tuple[Source, ...]
    lines: dict[str, tuple[str, ...]]  # state -> lines
    step: dict[str, str]  # stage reached -> line


@dataclass(frozen=True)
class Moment:
    id: str
    title: str
    setup: str
    defensiveness: int
    tip: str
    opening: dict[str, str]


@dataclass(frozen=True)
class Scenario:
    id: str
    concern: Concern
    moment: Moment
    stage: str
    personalities: tuple[Personality, ...]
    suicide_related: bool

    @property
    def title(self) -> str:
        return f"{self.concern.title}: {self.moment.title.lower()}"

    @property
    def setup(self) -> str:
        return self.moment.setup.replace("{topic}", self.concern.topic)

    def personality(self, personality_id: str) -> Personality | None:
        return next((p for p in self.personalities if p.id == personality_id), None)


@dataclass(frozen=True)
class RehearseContent:
    states: tuple[State, ...]
    moves: dict[str, Move]
    rules: Rules
    stages: tuple[str, ...]
    safety_steps: tuple[str, ...]
    safety_hope: str
    warning_sign_note: str
    reference: dict[str, float]
    personalities: dict[str, Personality]
    concerns: dict[str, Concern]
    moments: dict[str, Moment]
    scenarios: dict[str, Scenario]
    sources: dict[str, Source]

    def state(self, state_id: str) -> State:
        return next(s for s in self.states if s.id == state_id)


def _int(reader: Reader, entry: Any, field: str, where: str) -> int:
    return reader.integer(entry, field, where, low=-99, high=99)


def _engine(directory: Path) -> tuple[Any, ...]:
    r = Reader("engine.yaml", RehearseContentError)
    data = r.mapping(read_yaml(directory / "engine.yaml", RehearseContentError), "")
    top = ("sources", "states", "moves", "rules", "stages", "safety_steps", "safety_hope")
    r.known_fields(data, (*top, "reference", "warning_sign_note"), "")
    sources = r.sources(data.get("sources"))
    states = []
    for i, raw in enumerate(r.items(data.get("states"), "states")):
        entry = r.mapping(raw, f"state {i + 1}")
        r.known_fields(entry, ("id", "title", "shows", "from", "earliest_turn"), f"state {i + 1}")
        sid = r.id(entry.get("id"), f"state {i + 1}")
        earliest = entry.get("earliest_turn", 0)
        states.append(
            State(
                id=sid,
                title=r.text(entry, "title", sid),
                shows=r.text(entry, "shows", sid),
                low=_int(r, entry, "from", sid),
                earliest_turn=r.integer({"e": earliest}, "e", sid, low=0, high=50),
            )
        )
    if tuple(s.id for s in states) != STATES:
        r.fail("states", f"must be, lowest first: {', '.join(STATES)}")
    if [s.low for s in states] != sorted(s.low for s in states):
        r.fail("states", "'from' must rise from the lowest state to the highest")
    moves: dict[str, Move] = {}
    for i, raw in enumerate(r.items(data.get("moves"), "moves")):
        entry = r.mapping(raw, f"move {i + 1}")
        fields = ("id", "title", "trust", "defensiveness", "did_up", "did_down", "did_same", "tip")
        r.known_fields(entry, fields, f"move {i + 1}")
        mid = r.id(entry.get("id"), f"move {i + 1}")
        moves[mid] = Move(
            id=mid,
            title=r.text(entry, "title", mid),
            trust=_int(r, entry, "trust", mid),
            defensiveness=_int(r, entry, "defensiveness", mid),
            did_up=str(entry.get("did_up") or ""),
            did_down=str(entry.get("did_down") or ""),
            did_same=r.text(entry, "did_same", mid),
            tip=str(entry.get("tip") or ""),
        )
    if set(moves) != set(MOVES):
        r.fail("moves", f"must be exactly: {', '.join(MOVES)}")
    raw_rules = r.mapping(data.get("rules"), "rules")
    rule_fields = (
        "questions_in_a_row",
        "interrogation_defensiveness",
        "judged_penalty",
        "reflections_to_feel_heard",
        "max_stage_steps",
    )
    r.known_fields(raw_rules, rule_fields, "rules")
    rules = Rules(**{f: r.integer(raw_rules, f, "rules", low=0, high=10) for f in rule_fields})
    stages = r.texts(data, "stages", "")
    steps = r.texts(data, "safety_steps", "")
    hope = r.text(data, "safety_hope", "")
    warning = r.text(data, "warning_sign_note", "")
    reference_raw = r.mapping(data.get("reference"), "reference")
    reference = {}
    for key, value in reference_raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            r.fail("reference", f"{key} must be a number")
        reference[str(key)] = float(value)
    return states, moves, rules, stages, steps, hope, warning, reference, sources


def _lines(r: Reader, value: Any, where: str) -> tuple[str, ...]:
    return r.texts({"lines": value}, "lines", where)


def _personalities(directory: Path) -> dict[str, Personality]:
    r = Reader("personalities.yaml", RehearseContentError)
    data = r.mapping(read_yaml(directory / "personalities.yaml", RehearseContentError), "")
    r.known_fields(data, ("personalities",), "")
    found: dict[str, Personality] = {}
    for i, raw in enumerate(r.items(data.get("personalities"), "personalities")):
        entry = r.mapping(raw, f"personality {i + 1}")
        fields = ("id", "title", "about", "start", "extra", "unclear", "memory_judged", "replies")
        r.known_fields(entry, fields, f"personality {i + 1}")
        pid = r.id(entry.get("id"), f"personality {i + 1}")
        start = r.mapping(entry.get("start"), f"{pid} start")
        extra: dict[str, tuple[int, int]] = {}
        for move, change in r.mapping(entry.get("extra") or {}, f"{pid} extra").items() or ():
            if move not in MOVES:
                r.fail(f"{pid} extra", f"unknown move {move!r}")
            change = r.mapping(change, f"{pid} extra {move}")
            extra[move] = (
                _int(r, change, "trust", f"{pid} extra {move}"),
                _int(r, change, "defensiveness", f"{pid} extra {move}"),
            )
        replies_raw = r.mapping(entry.get("replies"), f"{pid} replies")
        replies: dict[str, dict[str, tuple[str, ...]]] = {}
        for state in STATES:
            bank = r.mapping(replies_raw.get(state), f"{pid} replies {state}")
            unknown = set(bank) - set(MOVES)
            if unknown:
                r.fail(f"{pid} replies {state}", f"unknown move(s): {', '.join(sorted(unknown))}")
            replies[state] = {
                move: _lines(r, bank.get(move), f"{pid} replies {state} {move}") for move in MOVES
            }
        if set(replies_raw) - set(STATES):
            r.fail(f"{pid} replies", "unknown state(s)")
        if pid in found:
            r.fail("", f"personality id {pid!r} is used twice")
        found[pid] = Personality(
            id=pid,
            title=r.text(entry, "title", pid),
            about=r.text(entry, "about", pid),
            trust=r.integer(start, "trust", f"{pid} start", low=0, high=10),
            defensiveness=r.integer(start, "defensiveness", f"{pid} start", low=0, high=10),
            extra=extra,
            unclear=r.texts(entry, "unclear", pid),
            memory_judged=r.texts(entry, "memory_judged", pid),
            replies=replies,
        )
    return found


def _concerns(directory: Path, sources: dict[str, Source], stages: tuple[str, ...]) -> dict:
    r = Reader("concerns.yaml", RehearseContentError)
    data = r.mapping(read_yaml(directory / "concerns.yaml", RehearseContentError), "")
    r.known_fields(data, ("concerns",), "")
    found: dict[str, Concern] = {}
    for i, raw in enumerate(r.items(data.get("concerns"), "concerns")):
        entry = r.mapping(raw, f"concern {i + 1}")
        fields = ("id", "title", "topic", "barrier", "believes", "moves_them", "sources")
        r.known_fields(entry, (*fields, "lines", "step"), f"concern {i + 1}")
        cid = r.id(entry.get("id"), f"concern {i + 1}")
        lines_raw = r.mapping(entry.get("lines"), f"{cid} lines")
        if set(lines_raw) != set(STATES):
            r.fail(f"{cid} lines", f"must have lines for: {', '.join(STATES)}")
        step_raw = r.mapping(entry.get("step"), f"{cid} step")
        for stage in step_raw:
            if stage not in stages[1:]:
                r.fail(f"{cid} step", f"unknown stage {stage!r}")
        if cid in found:
            r.fail("", f"concern id {cid!r} is used twice")
        found[cid] = Concern(
            id=cid,
            title=r.text(entry, "title", cid),
            topic=r.text(entry, "topic", cid),
            barrier=r.text(entry, "barrier", cid),
            believes=r.text(entry, "believes", cid),
            moves_them=r.text(entry, "moves_them", cid),
            sources=r.cite(entry, sources, cid),
            lines={s: _lines(r, lines_raw[s], f"{cid} lines {s}") for s in STATES},
            step={str(k): r.text(step_raw, k, f"{cid} step") for k in step_raw},
        )
    return found


def _moments(directory: Path, personalities: dict[str, Personality]) -> dict[str, Moment]:
    r = Reader("moments.yaml", RehearseContentError)
    data = r.mapping(read_yaml(directory / "moments.yaml", RehearseContentError), "")
    r.known_fields(data, ("moments",), "")
    found: dict[str, Moment] = {}
    for i, raw in enumerate(r.items(data.get("moments"), "moments")):
        entry = r.mapping(raw, f"moment {i + 1}")
        r.known_fields(
            entry, ("id", "title", "setup", "defensiveness", "tip", "opening"), f"moment {i + 1}"
        )
        mid = r.id(entry.get("id"), f"moment {i + 1}")
        opening = r.mapping(entry.get("opening"), f"{mid} opening")
        missing = set(personalities) - set(opening)
        if missing or set(opening) - set(personalities):
            r.fail(f"{mid} opening", "needs one line for each personality, and no others")
        if mid in found:
            r.fail("", f"moment id {mid!r} is used twice")
        found[mid] = Moment(
            id=mid,
            title=r.text(entry, "title", mid),
            setup=r.text(entry, "setup", mid),
            defensiveness=r.integer(entry, "defensiveness", mid, low=0, high=5),
            tip=r.text(entry, "tip", mid),
            opening={p: r.text(opening, p, f"{mid} opening") for p in opening},
        )
    return found


def _scenarios(
    directory: Path,
    concerns: dict[str, Concern],
    moments: dict[str, Moment],
    personalities: dict[str, Personality],
    stages: tuple[str, ...],
) -> dict[str, Scenario]:
    r = Reader("scenarios.yaml", RehearseContentError)
    data = r.mapping(read_yaml(directory / "scenarios.yaml", RehearseContentError), "")
    r.known_fields(data, ("scenarios",), "")
    found: dict[str, Scenario] = {}
    for i, raw in enumerate(r.items(data.get("scenarios"), "scenarios")):
        entry = r.mapping(raw, f"scenario {i + 1}")
        fields = ("id", "concern", "moment", "stage", "personalities", "suicide_related")
        r.known_fields(entry, fields, f"scenario {i + 1}")
        sid = r.id(entry.get("id"), f"scenario {i + 1}")
        concern = concerns.get(str(entry.get("concern")))
        moment = moments.get(str(entry.get("moment")))
        if concern is None:
            r.fail(sid, f"unknown concern {entry.get('concern')!r}")
        if moment is None:
            r.fail(sid, f"unknown moment {entry.get('moment')!r}")
        stage = r.text(entry, "stage", sid)
        if stage not in stages[:3]:
            r.fail(sid, f"stage must be one of {', '.join(stages[:3])}")
        chosen = r.texts(entry, "personalities", sid)
        if len(chosen) < 3 or len(set(chosen)) != len(chosen):
            r.fail(sid, "needs at least three different personalities")
        for pid in chosen:
            if pid not in personalities:
                r.fail(sid, f"unknown personality {pid!r}")
        if sid in found:
            r.fail("", f"scenario id {sid!r} is used twice")
        found[sid] = Scenario(
            id=sid,
            concern=concern,
            moment=moment,
            stage=stage,
            personalities=tuple(personalities[p] for p in chosen),
            suicide_related=r.boolean(entry, "suicide_related", sid),
        )
    return found


@cache
def load_content(directory: Path = DIRECTORY) -> RehearseContent:
    states, moves, rules, stages, steps, hope, warning, reference, sources = _engine(directory)
    personalities = _personalities(directory)
    concerns = _concerns(directory, sources, stages)
    moments = _moments(directory, personalities)
    scenarios = _scenarios(directory, concerns, moments, personalities, stages)
    return RehearseContent(
        states=states,
        moves=moves,
        rules=rules,
        stages=stages,
        safety_steps=steps,
        safety_hope=hope,
        warning_sign_note=warning,
        reference=reference,
        personalities=personalities,
        concerns=concerns,
        moments=moments,
        scenarios=scenarios,
        sources=sources,
    )
