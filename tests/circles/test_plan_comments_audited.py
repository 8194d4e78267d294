"""A comment on any shared plan is saved, audited (who and when, never the words) and screened."""

from __future__ import annotations

from typing import Any

import pytest

from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.craft import services as craft
from porchlight.craft.models import CraftPlan
from porchlight.safety import services as safety
from porchlight.safety.models import SafetyPlan
from porchlight.team import services as team
from porchlight.team.models import TeamPlan
from tests.conftest import Personas

PLANS = {
    "safety plan": (SafetyPlan, safety.add_comment, AuditAction.SAFETY_PLAN_COMMENTED),
    "CRAFT plan": (CraftPlan, craft.add_comment, AuditAction.CRAFT_PLAN_COMMENTED),
    "team plan": (TeamPlan, team.add_comment, AuditAction.TEAM_PLAN_COMMENTED),
}


@pytest.mark.parametrize("kind", PLANS)
def test_a_comment_is_audited_without_its_words(personas: Personas, kind: str) -> None:
    model, add_comment, action = PLANS[kind]
    plan: Any = model.objects.get_or_create(circle=personas.circle)[0]
    words = "Worth asking about the appointment on Friday."

    commented = add_comment(plan=plan, by=Actor(personas.carol), text=f"  {words} ")

    assert commented.comment.text == words
    assert commented.alert is None
    event = AuditEvent.objects.get(action=action)
    assert (event.actor, event.circle_id) == (personas.carol, personas.circle.id)
    assert event.details == {"comment": str(commented.comment.id)}
    assert "appointment" not in str(event.details) + event.actor_label + event.subject_label


@pytest.mark.parametrize("kind", PLANS)
def test_a_comment_with_warning_signs_raises_an_alert(personas: Personas, kind: str) -> None:
    model, add_comment, _ = PLANS[kind]
    plan: Any = model.objects.get_or_create(circle=personas.circle)[0]

    commented = add_comment(
        plan=plan, by=Actor(personas.carol), text="He told me he has a plan to end it tonight."
    )

    assert commented.alert is not None
    assert commented.alert.level == "act_now"
