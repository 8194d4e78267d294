"""The circle home at a glance (porchlight/home/dashboard.py) and the page that shows it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porchlight.circles.models import Membership
from porchlight.coach.models import Outcome
from porchlight.home.dashboard import dashboard_for
from porchlight.understand.services import adjust_barriers, save_answers
from tests.conftest import Personas, client_for
from tests.factories import (
    BoundaryFactory,
    BoundaryTestFactory,
    CoachedMessageFactory,
    JournalEntryFactory,
    PlanCommentFactory,
    SafetyPlanFactory,
    SafetyPlanVersionFactory,
)
from tests.html import text_of

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def dan(db: None) -> Membership:
    call_command("demo", stdout=StringIO())
    return Membership.objects.select_related("circle", "user").get(
        circle__name="Dan", user__email="demo@porchlight.example"
    )


def test_dashboard_of_a_demo_circle_shows_its_next_step_stage_and_last_conversation(
    dan: Membership,
) -> None:
    today = timezone.localdate()

    board = dashboard_for(dan, today)

    assert board.next_step is not None
    assert board.next_step.week == 1
    assert board.next_step.text.startswith(
        "Stop trying to prove there is a problem. This week, ask one curious question"
    )
    assert board.stage is not None
    assert (board.stage.title, board.stage.updated_on, board.stage.estimated) == (
        "Not thinking about change yet",
        today,
        True,
    )
    assert board.last_conversation is not None
    assert (
        board.last_conversation.on,
        board.last_conversation.how,
        board.last_conversation.said,
    ) == (today - dt.timedelta(days=5), "Tension 2 of 5", "I want to feel better in the mornings.")
    assert board.start_here == ()


def test_dashboard_next_step_moves_to_the_playbooks_next_one_each_week(dan: Membership) -> None:
    today = timezone.localdate()

    weeks = [dashboard_for(dan, today + dt.timedelta(weeks=n)).next_step for n in range(4)]

    assert [step.week for step in weeks if step] == [1, 2, 1, 2]
    assert weeks[0] != weeks[1]


def test_dashboard_of_an_empty_circle_is_a_start_here_with_nothing_done(
    personas: Personas,
) -> None:
    board = dashboard_for(personas.membership(personas.alice), TODAY)

    assert [(s.title, s.done) for s in board.start_here] == [
        ("Tell us about Zephyrine", False),
        ("Why Zephyrine may be saying no", False),
        ("Your first step", False),
    ]
    assert board.start_done == 0
    assert (board.next_step, board.stage, board.last_conversation, board.plan_review) == (
        None,
        None,
        None,
        None,
    )
    assert board.checkin is not None
    assert board.checkin.due_now


def test_dashboard_start_here_counts_the_steps_done(personas: Personas) -> None:
    membership = personas.membership(personas.alice)
    answers = save_answers(
        circle=personas.circle, author=personas.alice, answers={"sees_problem": "denies_completely"}
    )
    after_questions = dashboard_for(membership, TODAY).start_done
    adjust_barriers(answers=answers, barriers=["poor_insight"])

    assert (after_questions, dashboard_for(membership, TODAY).start_done) == (1, 2)


def test_dashboard_start_here_ends_once_the_circle_holds_a_journal_entry(
    personas: Personas,
) -> None:
    JournalEntryFactory(circle=personas.circle, author=personas.bob)

    assert dashboard_for(personas.membership(personas.alice), TODAY).start_here == ()


def test_dashboard_for_a_professional_shows_the_plan_review_and_no_carer_items(
    populated_circle: Personas,
) -> None:
    carol = populated_circle.membership(populated_circle.carol)

    board = dashboard_for(carol)

    assert board.plan_review is not None
    assert board.plan_review.on == timezone.localdate() + dt.timedelta(days=30)
    assert (
        board.next_step,
        board.stage,
        board.last_conversation,
        board.boundaries,
        board.checkin,
        board.start_here,
    ) == (None, None, None, None, None, ())
    assert [r.text for r in board.reminders if "check-in" in r.text] == []


def test_dashboard_counts_new_comments_from_professionals_for_the_others(
    personas: Personas,
) -> None:
    plan = SafetyPlanFactory(circle=personas.circle, shared_with_professionals=True)
    SafetyPlanVersionFactory(plan=plan)
    PlanCommentFactory(plan=plan, author=personas.carol)
    PlanCommentFactory(plan=plan, author=personas.bob)  # a supporter's note is not "new advice"

    alice = dashboard_for(personas.membership(personas.alice))
    carol = dashboard_for(personas.membership(personas.carol))

    assert alice.comments is not None
    assert alice.comments.count == 1
    assert carol.comments is None


def test_dashboard_boundaries_counts_the_tests_of_the_last_30_days(personas: Personas) -> None:
    boundary = BoundaryFactory(circle=personas.circle)
    for days, result in [(1, "held"), (10, "held"), (20, "bent"), (40, "broke")]:
        BoundaryTestFactory(
            boundary=boundary, result=result, happened_on=TODAY - dt.timedelta(days=days)
        )

    board = dashboard_for(personas.membership(personas.bob), TODAY)

    assert board.boundaries is not None
    assert (board.boundaries.held, board.boundaries.tested) == (2, 3)


def test_dashboard_last_conversation_is_a_newer_coach_outcome(personas: Personas) -> None:
    JournalEntryFactory(
        circle=personas.circle,
        kind="conversation",
        tension=4,
        happened_on=timezone.localdate() - dt.timedelta(days=3),
    )
    CoachedMessageFactory(circle=personas.circle, outcome=Outcome.CALM)

    board = dashboard_for(personas.membership(personas.bob))

    assert board.last_conversation is not None
    assert board.last_conversation.how == "It went calmly"


def test_dashboard_last_conversation_skips_another_members_private_entry(
    personas: Personas,
) -> None:
    JournalEntryFactory(
        circle=personas.circle, author=personas.alice, kind="conversation", private=True
    )

    assert dashboard_for(personas.membership(personas.bob)).last_conversation is None


def _home_queries(personas: Personas) -> int:
    client = client_for(personas.alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/c/{personas.circle.id}/")
    assert response.status_code == 200
    return len(queries)


def test_circle_home_query_count_does_not_grow_with_what_the_circle_holds(
    populated_circle: Personas,
) -> None:
    few = _home_queries(populated_circle)
    boundary = BoundaryFactory(circle=populated_circle.circle)
    plan = SafetyPlanFactory(circle=populated_circle.circle)
    for _ in range(10):
        JournalEntryFactory(circle=populated_circle.circle, kind="conversation", tension=2)
        BoundaryTestFactory(boundary=boundary)
        CoachedMessageFactory(circle=populated_circle.circle, outcome=Outcome.MIXED)
        PlanCommentFactory(plan=plan, author=populated_circle.carol)

    many = _home_queries(populated_circle)

    assert many == few
    assert many <= 25  # 20 today, with the session, the user and the circle


def test_circle_home_shows_the_dashboard_to_an_owner(populated_circle: Personas) -> None:
    page = text_of(client_for(populated_circle.alice).get(f"/c/{populated_circle.circle.id}/"))

    assert "This week's step" in page
    assert "Stage of change" in page
    assert f"Last conversation {timezone.localdate():%-d %B %Y}" in page
    assert "Held 1 of 1 time" in page
    assert "Start here" not in page


def test_circle_home_shows_a_professional_no_journal_and_no_check_in(
    populated_circle: Personas,
) -> None:
    page = text_of(client_for(populated_circle.carol).get(f"/c/{populated_circle.circle.id}/"))

    assert "Safety plan Review on" in page
    assert "Last conversation" not in page
    assert "check-in" not in page.lower()


def test_dashboard_marks_this_weeks_step_done_once_noted_and_shows_the_next(
    dan: Membership,
) -> None:
    today = timezone.localdate()
    before = dashboard_for(dan, today).next_step
    later = dashboard_for(dan, today + dt.timedelta(weeks=1)).next_step
    assert before is not None
    assert later is not None
    assert before.done == ""

    JournalEntryFactory(circle=dan.circle, author=dan.user, kind="conversation", happened_on=today)
    after = dashboard_for(dan, today).next_step

    assert after is not None
    assert (after.done, after.text, after.week) == (before.text, later.text, 2)


def test_dashboard_step_is_not_done_by_someone_elses_note_or_one_from_before_the_week(
    dan: Membership,
) -> None:
    today = timezone.localdate()
    doctor = Membership.objects.get(circle=dan.circle, role="professional").user
    JournalEntryFactory(circle=dan.circle, author=doctor, kind="conversation", happened_on=today)
    JournalEntryFactory(
        circle=dan.circle,
        author=dan.user,
        kind="small_victory",
        happened_on=today - dt.timedelta(days=1),
    )
    JournalEntryFactory(circle=dan.circle, author=dan.user, kind="crisis", happened_on=today)

    step = dashboard_for(dan, today).next_step

    assert step is not None
    assert (step.done, step.week) == ("", 1)


def test_circle_home_says_which_step_was_done(dan: Membership) -> None:
    today = timezone.localdate()
    done = dashboard_for(dan, today).next_step
    JournalEntryFactory(circle=dan.circle, author=dan.user, kind="small_victory", happened_on=today)

    text = text_of(client_for(dan.user).get(f"/c/{dan.circle_id}/"))

    assert done is not None
    assert f"This week's step ✓ Done: {done.text} Next:" in " ".join(text.split())
