"""The simulated loved one: read the supporter's move, update how they feel, answer.

No language model. Each turn:

1. the conversation coach classifies the supporter's words into one move
   (roadblock, complex or simple reflection, open or closed question,
   support, other); a roadblock anywhere in the turn wins, because one
   sentence of criticism is what the other person hears;
2. the transition table in ``content/rehearse/engine.yaml`` (plus the
   personality's extra) changes trust and defensiveness; their difference
   gives the state (shut down, guard up, listening, opening up);
3. a reply is chosen from the personality's bank for that state and move and
   from the concern's own lines, with seeded randomness and no repeats.

Realism rules, from the same file: a roadblock costs more than a reflection
earns, the next good move after a roadblock earns less ("was judged"), three
questions in a row raise defensiveness, nobody opens up before turn 4, and
readiness moves at most one stage in a session, only after they "felt heard".

Everything here is plain Python over JSON-ready dicts, so the session row can
store the state and the benchmark can call the same function the view calls.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from typing import Any

from porchlight.language.coach import MessageAnalysis, analyse_message
from porchlight.rehearse.content import (
    Personality,
    RehearseContent,
    Scenario,
    load_content,
)
from porchlight.rehearse.reflection import reflection_quality

GOOD_MOVES = frozenset({"complex_reflection", "reflection", "open_question", "support"})
SUPPORT_LABELS = frozenset({"affirmation", "asking_permission", "autonomy", "offering_support"})
LOW, HIGH = 0, 10
_WORDS = re.compile(r"[^\W_]", re.UNICODE)


@dataclass
class Reading:
    """What the coach made of one turn: the move and the counts for the summary."""

    move: str
    reflection_quality: int
    counts: dict[str, Any]
    roadblocks: list[dict[str, str]]
    suggestion: str
    notes: list[str]
    unclear: bool
    analysis: MessageAnalysis | None = None


@dataclass
class TurnResult:
    state: dict[str, Any]
    reply: str
    note: str
    move: str
    direction: str  # "up", "down" or "same"
    stage_moved: bool
    reading: Reading = field(repr=False, default=None)  # type: ignore[assignment]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _fill(text: str, scenario: Scenario) -> str:
    return text.replace("{topic}", scenario.concern.topic)


def initial_state(scenario: Scenario, personality: Personality) -> dict[str, Any]:
    content = load_content()
    trust = personality.trust
    defensiveness = min(HIGH, personality.defensiveness + scenario.moment.defensiveness)
    state = {
        "trust": trust,
        "defensiveness": defensiveness,
        "turn": 0,
        "stage": content.stages.index(scenario.stage),
        "start_stage": content.stages.index(scenario.stage),
        "questions_in_a_row": 0,
        "reflections": 0,
        "flags": [],
        "judged_pending": False,
        "used": [_key(scenario.moment.opening[personality.id])],
        "level": "",
        "best": "",
    }
    state["level"] = level_for(content, state)
    state["best"] = state["level"]
    return state


def opening_line(scenario: Scenario, personality: Personality) -> str:
    return _fill(scenario.moment.opening[personality.id], scenario)


def authored_replies(scenario: Scenario, personality: Personality) -> frozenset[str]:
    """Every line this person can say in this scenario, as shown (an import is checked
    against them: a reply is never user text, so it is stored without encryption)."""
    lines = [scenario.moment.opening[personality.id], *personality.unclear]
    lines += personality.memory_judged
    lines += [line for by_move in personality.replies.values() for bank in by_move.values()
              for line in bank]  # fmt: skip
    lines += [line for bank in scenario.concern.lines.values() for line in bank]
    lines += scenario.concern.step.values()
    return frozenset(_fill(line, scenario) for line in lines)


def level_for(content: RehearseContent, state: dict[str, Any]) -> str:
    score = state["trust"] - state["defensiveness"]
    level = content.states[0].id
    for candidate in content.states:
        if score >= candidate.low and state["turn"] >= candidate.earliest_turn:
            level = candidate.id
    return level


def _rank(content: RehearseContent, level: str) -> int:
    return [s.id for s in content.states].index(level)


def read_turn(text: str, *, prompt: str = "") -> Reading:
    """Classify the supporter's words with the coach (the same classifier as everywhere)."""
    analysis = analyse_message(text)
    summary = analysis.summary
    quality = reflection_quality(prompt=prompt, reply=text, analysis=analysis)
    # Nothing to read, or not English (the coach only reads English): they ask again.
    unclear = not any(_WORDS.search(s.text) for s in analysis.sentences) or any(
        "does not look like English" in note for note in analysis.notes
    )
    labels = set(analysis.labels)
    if analysis.roadblocks:
        move = "roadblock"
    elif quality == 2:
        move = "complex_reflection"
    elif quality == 1:
        move = "reflection"
    elif summary.open_questions:
        move = "open_question"
    elif labels & SUPPORT_LABELS:
        move = "support"
    elif summary.closed_questions:
        move = "closed_question"
    else:
        move = "other"
    if unclear:
        move = "other"
    craft_points = sum(1 for check in analysis.craft if check.passed)
    counts = {
        "questions": summary.questions,
        "open_questions": summary.open_questions,
        "closed_questions": summary.closed_questions,
        "reflections": summary.reflections,
        "complex_reflections": summary.complex_reflections,
        "roadblocks": dict(summary.roadblocks),
        "mi_adherent": summary.mi_adherent,
        "craft_points": craft_points,
    }
    roadblocks = [
        {"name": r.name, "title": r.title, "evidence": r.evidence}
        for s in analysis.sentences
        for r in s.roadblocks
    ]
    return Reading(
        move=move,
        reflection_quality=quality,
        counts=counts,
        roadblocks=roadblocks,
        suggestion=analysis.suggestions[0] if analysis.suggestions else "",
        notes=list(analysis.notes),
        unclear=unclear,
        analysis=analysis,
    )


def _candidates(
    scenario: Scenario, personality: Personality, level: str, move: str
) -> tuple[list[str], list[str]]:
    """The lines that fit best, then every line of this state (used when those run out)."""
    own = list(personality.replies[level][move])
    concern = list(scenario.concern.lines[level])
    # Disclosures do not follow a roadblock once they are listening; defensive lines do.
    if move != "roadblock" or level in ("shut_down", "guard_up"):
        own += concern
    guarded = level in ("shut_down", "guard_up")
    # Once those run out: any line of this state that fits (when guarded, every line does).
    moves = [
        m
        for m in personality.replies[level]
        if guarded or (m == "roadblock") == (move == "roadblock")
    ]
    rest = [line for m in moves for line in personality.replies[level][m]] + concern
    return own, rest


def _choose(lines: list[str], used: set[str], rng: random.Random) -> str | None:
    fresh = [line for line in dict.fromkeys(lines) if _key(line) not in used]
    return rng.choice(fresh) if fresh else None


def take_turn(
    *,
    scenario: Scenario,
    personality: Personality,
    state: dict[str, Any],
    text: str,
    seed: int,
    prompt: str = "",
    content: RehearseContent | None = None,
) -> TurnResult:
    """One exchange: the supporter says ``text``; returns the new state, reply and note."""
    content = content or load_content()
    reading = read_turn(text, prompt=prompt)
    new = {**state, "flags": list(state["flags"]), "used": list(state["used"])}
    new["turn"] = state["turn"] + 1
    rng = random.Random(f"{seed}:{new['turn']}:{len(state['used'])}")
    move = content.moves[reading.move]
    rules = content.rules
    before = _rank(content, state["level"])

    if reading.unclear:
        asked = _choose(list(personality.unclear), set(new["used"]), rng) or rng.choice(
            personality.unclear
        )
        new["used"].append(_key(asked))
        note = (
            " ".join(reading.notes)
            or "They could not tell what you meant. Say it in a few plain words."
        )
        return TurnResult(new, _fill(asked, scenario), note, reading.move, "same", False, reading)

    trust_change, defence_change = move.trust, move.defensiveness
    extra = personality.extra.get(reading.move)
    if extra:
        trust_change += extra[0]
        defence_change += extra[1]
    remembered = False
    if reading.move == "roadblock":
        new["judged_pending"] = True
        if "was_judged" not in new["flags"]:
            new["flags"].append("was_judged")
    elif reading.move in GOOD_MOVES and state["judged_pending"]:
        trust_change = max(0, trust_change - rules.judged_penalty)
        new["judged_pending"] = False
        remembered = True
    if reading.move in ("open_question", "closed_question"):
        new["questions_in_a_row"] = state["questions_in_a_row"] + 1
        if new["questions_in_a_row"] >= rules.questions_in_a_row:
            defence_change += rules.interrogation_defensiveness
    else:
        new["questions_in_a_row"] = 0
    if reading.move in ("reflection", "complex_reflection"):
        new["reflections"] = state["reflections"] + 1
        if (
            new["reflections"] >= rules.reflections_to_feel_heard
            and "felt_heard" not in new["flags"]
        ):
            new["flags"].append("felt_heard")
    new["trust"] = min(HIGH, max(LOW, state["trust"] + trust_change))
    new["defensiveness"] = min(HIGH, max(LOW, state["defensiveness"] + defence_change))
    level = level_for(content, new)
    # Feelings move one state at a time: a single good line does not undo a shutdown.
    after = _rank(content, level)
    if after > before + 1:
        level = content.states[before + 1].id
    new["level"] = level
    after = _rank(content, level)
    if after > _rank(content, state["best"]):
        new["best"] = level

    stage_moved = False
    stages = content.stages
    next_stage = stages[state["stage"] + 1] if state["stage"] + 1 < len(stages) else ""
    if (
        level == "opening_up"
        and reading.move in GOOD_MOVES
        and "felt_heard" in new["flags"]
        and state["stage"] - state["start_stage"] < rules.max_stage_steps
        and next_stage in scenario.concern.step
    ):
        new["stage"] = state["stage"] + 1
        stage_moved = True

    used = set(new["used"])
    reply: str | None = None
    if stage_moved:
        reply = scenario.concern.step[next_stage]
    elif remembered and level in ("shut_down", "guard_up"):
        reply = _choose(list(personality.memory_judged), used, rng)
    if reply is None:
        best, rest = _candidates(scenario, personality, level, reading.move)
        reply = _choose(best, used, rng) or _choose(rest, used, rng)
    if reply is None:  # a very long session: reuse the line heard longest ago
        best, _ = _candidates(scenario, personality, level, reading.move)
        order = {key: i for i, key in enumerate(new["used"])}
        reply = min(best, key=lambda line: order.get(_key(line), -1))
    new["used"].append(_key(reply))

    direction = "up" if after > before else ("down" if after < before else "same")
    note = coach_note(content, reading, direction, level, stage_moved)
    if _is_warning_sign(_fill(reply, scenario)):
        note = f"{note} {content.warning_sign_note}"
    return TurnResult(
        new, _fill(reply, scenario), note, reading.move, direction, stage_moved, reading
    )


def _is_warning_sign(line: str) -> bool:
    """Does the simulated person's line carry a warning sign the supporter should act on?"""
    from porchlight.language.risk import analyse  # noqa: PLC0415  loads the risk model only when a line is checked

    return analyse(line).level in ("act_now", "urgent")


def coach_note(
    content: RehearseContent, reading: Reading, direction: str, level: str, stage_moved: bool
) -> str:
    """One line: what the move was, what it did, and a better way when it backfired."""
    move = content.moves[reading.move]
    what = move.title
    if reading.roadblocks:
        first = reading.roadblocks[0]
        what = f"{move.title}: {first['title'].lower()} (\u201c{first['evidence']}\u201d)"
    did = {"up": move.did_up, "down": move.did_down}.get(direction) or move.did_same
    if stage_moved:
        did = "They took a step towards change. Reflect it back; don't grab it."
    parts = [f"{what}.", did]
    if reading.move == "roadblock" or direction == "down":
        parts.append(f"Instead: {reading.suggestion}" if reading.suggestion else move.tip)
    elif move.tip and direction == "same" and level != "opening_up":
        parts.append(move.tip)
    return " ".join(p for p in parts if p)


# --- The end-of-session summary (MITI 4.2.1 in spirit) ---------------------------------


def summarise(
    counts: list[dict[str, Any]], moves: list[str], content: RehearseContent | None = None
) -> dict[str, Any]:
    """Totals over the turns, the ratios MITI uses, what went well and one thing to try."""
    content = content or load_content()
    total: dict[str, Any] = {
        "turns": len(counts),
        "questions": 0,
        "open_questions": 0,
        "closed_questions": 0,
        "reflections": 0,
        "complex_reflections": 0,
        "roadblocks": 0,
        "craft_points": 0,
        "mi_adherent": 0,
    }
    roadblock_kinds: dict[str, int] = {}
    for turn in counts:
        for key in ("questions", "open_questions", "closed_questions", "reflections"):
            total[key] += turn.get(key, 0)
        total["complex_reflections"] += turn.get("complex_reflections", 0)
        total["craft_points"] += turn.get("craft_points", 0)
        total["mi_adherent"] += turn.get("mi_adherent", 0)
        for name, n in turn.get("roadblocks", {}).items():
            total["roadblocks"] += n
            roadblock_kinds[name] = roadblock_kinds.get(name, 0) + n
    q, r = total["questions"], total["reflections"]
    total["reflection_to_question"] = round(r / q, 2) if q else None
    total["percent_complex"] = round(100 * total["complex_reflections"] / r) if r else None
    total["roadblock_kinds"] = roadblock_kinds
    total["reference"] = dict(content.reference)

    went_well = "You kept going, and practising is how this gets easier."
    if total["complex_reflections"]:
        went_well = (
            f"{total['complex_reflections']} of your reflections went beyond their words to "
            "what they might feel. That is the skill that lowers defences most."
        )
    elif r:
        went_well = f"You reflected {r} time{'s' if r != 1 else ''}: they heard that you heard."
    elif total["open_questions"]:
        went_well = "Your open questions gave them room to talk."
    elif total["mi_adherent"]:
        went_well = "Your warmth and respect for their choices came through."

    if total["roadblocks"]:
        worst = max(roadblock_kinds, key=lambda name: roadblock_kinds[name])
        try_next = (
            f"Fewer roadblocks ({worst.replace('_', ' ')} came up most). When you feel the urge "
            "to correct or advise, say back what you heard first."
        )
    elif q and (r / q) < content.reference["fair_reflection_to_question"]:
        try_next = "More reflections than questions: after each answer, say back what you heard."
    elif r and total["percent_complex"] < content.reference["fair_percent_complex"]:
        try_next = (
            "Add the feeling or meaning to your reflections (\u201cyou're scared that\u2026\u201d)."
        )
    elif not r:
        try_next = "Try a reflection: say back, in your own words, what they just told you."
    else:
        try_next = "Try the same scenario with a harder personality."
    total["went_well"] = went_well
    total["try_next"] = try_next
    total["moves"] = {m: moves.count(m) for m in content.moves if moves.count(m)}
    return total
