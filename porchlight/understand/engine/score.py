"""Scoring: the supporter's answers become a ranked barrier map and a stage estimate.

Plain Python, no Django. Weights come from scoring.yaml (see :mod:`.load`); every
barrier and the stage estimate carry the answers that led there. Deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

from porchlight.understand.engine.load import load_content, normalize_answers
from porchlight.understand.engine.model import (
    AnswerError,
    Answers,
    Assessment,
    BarrierScore,
    Content,
    FlagResult,
    Reason,
    StageEstimate,
)

__all__ = ["score"]


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
