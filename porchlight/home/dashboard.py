"""A circle's home at a glance: what stands where, gathered from every feature.

`dashboard_for` reads; it never writes. Each item is there only when the member's
role may open the page it links to (a professional sees the safety plan's review
and the comments, not the journal or the playbook), and the carer's own check-in
only for those the self-care section is shown to.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from porchlight.boundaries.models import Boundary, BoundaryTest, TestResult
from porchlight.circles.models import Membership
from porchlight.circles.sections import get_section
from porchlight.coach.models import CoachedMessage, Outcome
from porchlight.core.links import link
from porchlight.core.permissions import ROLE_PERMISSIONS, Permission
from porchlight.journal.access import entries_for
from porchlight.journal.models import EntryKind
from porchlight.reminders.services import UNKNOWN, Reminder, Unknown, next_checkin, reminders_for
from porchlight.safety import personal_safety
from porchlight.safety.models import PlanComment, SafetyPlan, SafetyPlanVersion
from porchlight.safety.services import visible_plan
from porchlight.understand import engine
from porchlight.understand.models import StageRecord
from porchlight.understand.services import Understanding
from porchlight.understand.services import current as current_understanding

BOUNDARY_DAYS = 30  # "held lately": tests logged in the last 30 days
COMMENT_DAYS = 14  # "new": comments written in the last 14 days


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str
    week: int  # 1, 2 or 3: which of the playbook's three steps this week shows
    done: str = ""  # this week's step, when the member noted trying it: `text` is the next


# What counts as having tried this week's step: the member noted in the journal, for a
# day of this week, how a talk or a time together went (the step's own words ask them
# to), whatever the outcome; a crisis or a safety check is not a step tried.
TRIED_KINDS = (EntryKind.CONVERSATION, EntryKind.REFUSAL, EntryKind.SMALL_VICTORY, EntryKind.NOTE)


@dataclass(frozen=True)
class Stage:
    title: str
    updated_on: dt.date
    estimated: bool  # from the answers, not chosen by a member
    url: str


@dataclass(frozen=True)
class LastConversation:
    on: dt.date
    how: str  # how it went, in words the member chose or a tension rating
    said: str  # what they said (journal) or "" (coach)
    url: str


@dataclass(frozen=True)
class BoundariesHeld:
    held: int
    tested: int
    url: str


@dataclass(frozen=True)
class PlanReview:
    on: dt.date | None  # None: the plan has no review date
    overdue: bool
    url: str


@dataclass(frozen=True)
class CheckInDue:
    on: dt.date
    due_now: bool
    url: str


@dataclass(frozen=True)
class NewComments:
    count: int
    url: str


@dataclass(frozen=True)
class StartStep:
    title: str
    text: str
    url: str
    done: bool


@dataclass
class Dashboard:
    next_step: NextStep | None = None
    stage: Stage | None = None
    last_conversation: LastConversation | None = None
    boundaries: BoundariesHeld | None = None
    plan_review: PlanReview | None = None
    checkin: CheckInDue | None = None
    comments: NewComments | None = None
    reminders: tuple[Reminder, ...] = ()
    start_here: tuple[StartStep, ...] = ()  # empty once the circle is under way

    @property
    def start_done(self) -> int:
        return sum(1 for step in self.start_here if step.done)


def dashboard_for(membership: Membership, today: dt.date | None = None) -> Dashboard:
    """Everything the circle's home shows this member, each item only if they may open it."""
    today = today or timezone.localdate()
    allowed = membership.permissions
    circle: dict[str, Any] = {"circle_id": membership.circle_id}
    board = Dashboard()

    if Permission.VIEW_PLANS in allowed:
        understanding = current_understanding(membership.circle)
        if understanding is not None:
            board.next_step = _next_step(membership, understanding, today)
            board.stage = _stage(understanding.stage, circle)
        board.boundaries = _boundaries(membership, today)
        if Permission.EDIT_PLANS in allowed:
            board.start_here = _start_here(membership, understanding, circle)
    if Permission.VIEW_JOURNAL in allowed:
        board.last_conversation = _last_conversation(membership)

    plan = visible_plan(membership) if Permission.VIEW_SAFETY_PLAN in allowed else UNKNOWN
    version: SafetyPlanVersion | Unknown | None = UNKNOWN
    if isinstance(plan, SafetyPlan):
        current = plan.current
        version = current
        review_on = current.review_on if current is not None else None
        board.plan_review = PlanReview(
            on=review_on,
            overdue=review_on is not None and review_on < today,
            url=link("safety:plan", **circle),
        )
        board.comments = _new_comments(membership, plan.id, today)

    checkin_url = link("selfcare:checkin", **circle)
    selfcare = get_section("selfcare")
    # The weekly check-in is the carer's own: its card shows only to those the self-care
    # section is shown to (not the circle's professional), and never twice as a reminder.
    on = None
    if selfcare is not None and selfcare.shown_for(allowed):
        on = next_checkin(membership.user, today)
        board.checkin = CheckInDue(on=on, due_now=on <= today, url=checkin_url)
    reminders = reminders_for(membership, today, checkin_on=on, plan=plan, plan_version=version)
    board.reminders = tuple(r for r in reminders if r.url != checkin_url)
    return board


def _next_step(
    membership: Membership, understanding: Understanding, today: dt.date
) -> NextStep | None:
    """One of the playbook's three next steps a week, in order, from when the questions
    were answered; a step that means stepping back waits until the member says they
    feel safe. Once the member notes in the journal how this week went, the step is
    marked done and the next one shows."""
    steps = list(understanding.playbook.next_steps)
    if any(step.violence_caution for step in steps) and personal_safety.gate(membership) != "safe":
        steps = [step for step in steps if not step.violence_caution]
    if not steps:
        return None
    answered = timezone.localdate(understanding.answers.created_at)
    weeks = max(0, (today - answered).days // 7)
    week = weeks % len(steps)
    url = link("understand:overview", circle_id=membership.circle_id)
    began = answered + dt.timedelta(weeks=weeks)
    tried = (
        len(steps) > 1
        and entries_for(membership)
        .filter(
            author_id=membership.user_id,
            kind__in=TRIED_KINDS,
            happened_on__gte=began,
            happened_on__lte=today,
        )
        .exists()
    )
    if tried:  # on to the next step, saying which one was done
        following = (week + 1) % len(steps)
        return NextStep(
            text=steps[following].text, url=url, week=following + 1, done=steps[week].text
        )
    return NextStep(text=steps[week].text, url=url, week=week + 1)


def _stage(record: StageRecord | None, circle: dict[str, Any]) -> Stage | None:
    if record is None:
        return None
    scoring = engine.load_content().scoring
    return Stage(
        title=scoring.stage(record.stage).title,
        updated_on=timezone.localdate(record.created_at),
        estimated=record.source == StageRecord.Source.ESTIMATE,
        url=link("understand:overview", **circle),
    )


def _last_conversation(membership: Membership) -> LastConversation | None:
    """The latest talk: a journal conversation, or a coached message whose outcome was noted."""
    entry = (
        entries_for(membership)
        .filter(kind=EntryKind.CONVERSATION)
        .only("id", "happened_on", "tension", "they_said", "created_at")
        .first()
    )
    message = None
    if Permission.VIEW_PLANS in membership.permissions:
        message = (
            CoachedMessage.objects.filter(circle_id=membership.circle_id)
            .exclude(outcome__in=["", Outcome.NOT_YET])
            .only("id", "outcome", "created_at")
            .first()
        )
    if message is not None and (
        entry is None or timezone.localdate(message.created_at) > entry.happened_on
    ):
        return LastConversation(
            on=timezone.localdate(message.created_at),
            how=message.get_outcome_display(),
            said="",
            url=link("coach:messages", circle_id=membership.circle_id),
        )
    if entry is None:
        return None
    return LastConversation(
        on=entry.happened_on,
        how=f"Tension {entry.tension} of 5" if entry.tension else "",
        said=entry.they_said,
        url=link("journal:entry", circle_id=membership.circle_id, entry_id=entry.id),
    )


def _boundaries(membership: Membership, today: dt.date) -> BoundariesHeld | None:
    since = today - dt.timedelta(days=BOUNDARY_DAYS)
    results = list(
        BoundaryTest.objects.filter(
            boundary__circle_id=membership.circle_id, happened_on__gte=since
        ).values_list("result", flat=True)
    )
    if not results:
        return None
    return BoundariesHeld(
        held=sum(1 for r in results if r == TestResult.HELD),
        tested=len(results),
        url=link("boundaries:list", circle_id=membership.circle_id),
    )


def _new_comments(membership: Membership, plan_id: uuid.UUID, today: dt.date) -> NewComments | None:
    """Comments of the last two weeks from members who advise rather than edit the plan
    (the circle's professionals), written by someone else."""
    advisers = [
        role
        for role, permissions in ROLE_PERMISSIONS.items()
        if Permission.WRITE_COMMENTS in permissions
        and Permission.EDIT_SAFETY_PLAN not in permissions
    ]
    since = timezone.now() - dt.timedelta(days=COMMENT_DAYS)
    count = (
        PlanComment.objects.filter(plan_id=plan_id, created_at__gte=since)
        .exclude(author_id=membership.user_id)
        .filter(
            author__memberships__circle_id=membership.circle_id,
            author__memberships__role__in=advisers,
        )
        .count()
    )
    if not count:
        return None
    return NewComments(count=count, url=link("safety:plan", circle_id=membership.circle_id))


def _start_here(
    membership: Membership, understanding: Understanding | None, circle: dict[str, Any]
) -> tuple[StartStep, ...]:
    """The guided first visit, until the circle holds something the member did."""
    under_way = (
        entries_for(membership).exists()
        or CoachedMessage.objects.filter(circle_id=membership.circle_id).exists()
        or Boundary.objects.filter(circle_id=membership.circle_id).exists()
    )
    if under_way:
        return ()
    name = membership.circle.name
    answered = understanding is not None
    looked = understanding is not None and (
        understanding.answers.adjusted_barriers is not None
        or (
            understanding.stage is not None
            and understanding.stage.source == StageRecord.Source.SUPPORTER
        )
    )
    return (
        StartStep(
            title=f"Tell us about {name}",
            text="Eleven short questions about what you see when help comes up.",
            url=link("understand:questions", **circle),
            done=answered,
        ),
        StartStep(
            title=f"Why {name} may be saying no",
            text="Read the barriers that may be in the way, and tick the ones that fit.",
            url=link("understand:overview", **circle),
            done=looked,
        ),
        StartStep(
            title="Your first step",
            text="Pick one small thing to try this week, then note how it went in the journal.",
            url=link("journal:new", **circle),
            done=False,
        ),
    )
