"""Starting, playing, rewinding and finishing a rehearsal.

Every turn is read for risk language like every other text a user writes; when
it needs acting on, the turn keeps the alert (level and categories, never the
words) so the page shows the act-now or urgent path. The view and the
benchmark call the same ``play_turn``.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from porchlight.circles.access import get_in_circle
from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import ConversationPlan
from porchlight.core import risk_watch
from porchlight.core.actor import Actor
from porchlight.core.risk_watch import RiskAlert
from porchlight.rehearse import engine
from porchlight.rehearse.content import Personality, Scenario, load_content
from porchlight.rehearse.models import RehearsalSession, RehearsalTurn

SAMPLE = ("alcohol_first_time", "guarded")
MAX_TURNS = 40


def sessions_for(membership: Membership) -> QuerySet[RehearsalSession]:
    """The member's own sessions, and those others chose to share with the circle."""
    return RehearsalSession.objects.filter(circle_id=membership.circle_id).filter(
        Q(author_id=membership.user_id) | Q(private=False)
    )


def get_session_for_user(membership: Membership, session_id: uuid.UUID) -> RehearsalSession:
    """One rehearsal this member may read; another's private one is "not found" (404)."""
    return get_in_circle(RehearsalSession, membership, session_id, among=sessions_for(membership))


def get_plan_for_user(membership: Membership, plan_id: uuid.UUID | None) -> ConversationPlan | None:
    """The circle's conversation plan to rehearse, or None; another circle's plan is 404."""
    if plan_id is None:
        return None
    return get_in_circle(ConversationPlan, membership, plan_id)


def can_play(session: RehearsalSession, user: Any) -> bool:
    """Only the author plays, rewinds or shares their own rehearsal; others may read it."""
    return session.author_id is not None and session.author_id == getattr(user, "pk", None)


def _require_author(session: RehearsalSession, by: Actor) -> None:
    # The views check first and answer 403; this keeps a command or task honest too.
    if not can_play(session, by.user):
        raise PermissionDenied("Only the person who rehearsed this can change it.")


def content_of(scenario_id: str, personality_id: str) -> tuple[Scenario, Personality]:
    scenario = load_content().scenarios.get(scenario_id)
    personality = scenario.personality(personality_id) if scenario else None
    if scenario is None or personality is None:  # content changed since: say so, don't crash
        raise Http404("This scenario is no longer available.")
    return scenario, personality


def scenario_of(session: RehearsalSession) -> tuple[Scenario, Personality]:
    return content_of(session.scenario, session.personality)


def scenarios_for(circle: Circle) -> list[Scenario]:
    """Every scenario, those about what worries this circle first (in content order)."""
    everything = list(load_content().scenarios.values())
    return sorted(everything, key=lambda s: s.concern.id not in circle.concerns)


def start_session(
    *,
    circle: Circle,
    by: Actor,
    scenario_id: str,
    personality_id: str,
    plan: ConversationPlan | None = None,
    seed: int | None = None,
) -> RehearsalSession:
    content = load_content()
    scenario = content.scenarios[scenario_id]
    personality = scenario.personality(personality_id)
    if personality is None:
        raise ValueError(f"{personality_id!r} is not a personality of {scenario_id!r}")
    if plan is not None and plan.circle_id != circle.id:
        raise ValueError("A rehearsal starts only from a plan of its own circle.")
    with transaction.atomic():
        return RehearsalSession.objects.create(
            circle=circle,
            author=by.user,
            scenario=scenario.id,
            personality=personality.id,
            seed=seed if seed is not None else random.SystemRandom().randrange(1, 2**31),
            plan=plan,
            goal=plan.goal if plan else "",
            opening=plan.opening if plan else "",
            they_might_say=plan.listen_for if plan else "",
            state=engine.initial_state(scenario, personality),
        )


@dataclass
class Played:
    turn: RehearsalTurn
    alert: RiskAlert | None


def last_reply(session: RehearsalSession, turns: list[RehearsalTurn] | None = None) -> str:
    if turns is None:
        turns = list(session.turns.all())
    if turns:
        return turns[-1].reply
    scenario, personality = scenario_of(session)
    return engine.opening_line(scenario, personality)


def play_turn(*, session: RehearsalSession, by: Actor, text: str) -> Played:
    """The supporter says ``text``; the simulated person answers. Saved in one transaction."""
    _require_author(session, by)
    scenario, personality = scenario_of(session)
    with transaction.atomic():
        locked = RehearsalSession.objects.select_for_update().get(pk=session.pk)
        turns = list(locked.turns.all())
        result = engine.take_turn(
            scenario=scenario,
            personality=personality,
            state=locked.state,
            text=text,
            seed=locked.seed + 7919 * locked.rewinds,
            prompt=last_reply(locked, turns),
        )
        alert = risk_watch.check(
            texts=[text], actor=by, circle_id=locked.circle_id, where="rehearse"
        )
        turn = RehearsalTurn.objects.create(
            session=locked,
            number=len(turns) + 1,
            text=text,
            reply=result.reply,
            note=result.note,
            move=result.move,
            level=result.state["level"],
            counts=result.reading.counts,
            state_after=result.state,
            alert={"level": alert.level, "categories": list(alert.categories)} if alert else {},
        )
        locked.state = result.state
        locked.finished_at = None
        locked.save(update_fields=["state", "finished_at"])
    session.state = locked.state
    session.finished_at = None
    return Played(turn=turn, alert=alert)


def rewind(*, session: RehearsalSession, by: Actor) -> RehearsalTurn | None:
    """Take back the last turn: the person is as they were before it."""
    _require_author(session, by)
    scenario, personality = scenario_of(session)
    with transaction.atomic():
        locked = RehearsalSession.objects.select_for_update().get(pk=session.pk)
        turns = list(locked.turns.all())
        if not turns:
            return None
        last = turns[-1]
        last.delete()
        locked.state = (
            turns[-2].state_after if len(turns) > 1 else engine.initial_state(scenario, personality)
        )
        locked.rewinds += 1
        locked.finished_at = None
        locked.summary = {}
        locked.save(update_fields=["state", "rewinds", "finished_at", "summary"])
    session.refresh_from_db()
    return last


def finish(*, session: RehearsalSession, by: Actor) -> dict[str, Any]:
    _require_author(session, by)
    summary = summary_of(session)
    with transaction.atomic():
        session.summary = summary
        session.finished_at = timezone.now()
        session.save(update_fields=["summary", "finished_at"])
    return summary


def summary_of(session: RehearsalSession) -> dict[str, Any]:
    """The end-of-session summary, summed from the saved turns (counts only, no words)."""
    turns = list(session.turns.all())
    summary = engine.summarise([t.counts for t in turns], [t.move for t in turns])
    summary["best"] = session.state.get("best", "")
    content = load_content()
    start, stage = session.state.get("start_stage", 0), session.state.get("stage", 0)
    summary["stage_from"] = content.stages[start]
    summary["stage_to"] = content.stages[stage]
    return summary


def set_private(*, session: RehearsalSession, by: Actor, private: bool) -> RehearsalSession:
    _require_author(session, by)
    with transaction.atomic():
        session.private = private
        session.save(update_fields=["private"])
    return session
