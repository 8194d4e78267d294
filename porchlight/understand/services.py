"""Turning a circle's answers into its barrier map, stage and playbook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from porchlight.circles.models import Circle
from porchlight.understand import engine
from porchlight.understand.models import BarrierAnswers, StageRecord


@dataclass(frozen=True)
class Understanding:
    answers: BarrierAnswers
    assessment: engine.Assessment
    stage: StageRecord | None
    playbook: engine.Playbook


def current(circle: Circle) -> Understanding | None:
    answers = BarrierAnswers.objects.filter(circle=circle).first()
    if answers is None:
        return None
    assessment = engine.score(
        answers.answers, concerns=circle.concerns, relationship=circle.relationship
    )
    stage = StageRecord.objects.filter(circle=circle).first()
    chosen = stage.stage if stage and stage.source == StageRecord.Source.SUPPORTER else None
    playbook = engine.build_playbook(
        assessment,
        concerns=circle.concerns,
        relationship=circle.relationship,
        adjusted_barriers=answers.adjusted_barriers,
        stage=chosen,
    )
    return Understanding(answers=answers, assessment=assessment, stage=stage, playbook=playbook)


def save_answers(*, circle: Circle, author: Any, answers: dict[str, Any]) -> BarrierAnswers:
    assessment = engine.score(answers, concerns=circle.concerns, relationship=circle.relationship)
    with transaction.atomic():
        saved = BarrierAnswers.objects.create(
            circle=circle, answers=assessment.answers_dict(), created_by=author
        )
        StageRecord.objects.create(
            circle=circle,
            stage=assessment.stage.id,
            recent_relapse=assessment.stage.recent_relapse,
            source=StageRecord.Source.ESTIMATE,
            created_by=author,
        )
    return saved


def adjust_barriers(*, answers: BarrierAnswers, barriers: list[str] | None) -> BarrierAnswers:
    answers.adjusted_barriers = barriers
    answers.save(update_fields=["adjusted_barriers"])
    return answers


def choose_stage(*, circle: Circle, author: Any, stage: str, relapse: bool) -> StageRecord:
    return StageRecord.objects.create(
        circle=circle,
        stage=stage,
        recent_relapse=relapse,
        source=StageRecord.Source.SUPPORTER,
        created_by=author,
    )
