"""Playbook building: the items that fit an assessment, ranked by the strongest reason.

Plain Python, no Django. There are always exactly :data:`NEXT_STEP_COUNT` next steps;
the same input always gives the same output, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from porchlight.understand.engine.load import load_content
from porchlight.understand.engine.model import (
    NEXT_STEP_COUNT,
    AnswerError,
    Assessment,
    Condition,
    Content,
    Playbook,
    PlaybookItem,
    PlaybookRule,
)
from porchlight.understand.engine.score import _check_concerns, _check_relationship

__all__ = ["build_playbook"]


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
