"""What is changing: weekly figures for the progress page, from what members can see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from porchlight.boundaries.models import BoundaryTest
from porchlight.circles.models import Membership
from porchlight.core import charts
from porchlight.journal.access import entries_for
from porchlight.journal.models import EntryKind
from porchlight.rehearse.models import RehearsalTurn
from porchlight.selfcare.models import CheckIn
from porchlight.understand import engine
from porchlight.understand.models import StageRecord

WEEKS = 12


def week_starts(today: dt.date, weeks: int = WEEKS) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=n) for n in reversed(range(weeks))]


def _bucket(day: dt.date, starts: list[dt.date]) -> int | None:
    for index in reversed(range(len(starts))):
        if day >= starts[index]:
            return index if day < starts[index] + dt.timedelta(days=7) else None
    return None


def _label(day: dt.date) -> str:
    return f"{day:%d %b}"


def _counts(
    items: Iterable[Any],
    starts: list[dt.date],
    day: Callable[[Any], dt.date],
    key: Callable[[Any], int],
    groups: int = 3,
) -> list[list[float]]:
    """Per week, how many items fall in each group."""
    table: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for item in items:
        bucket = _bucket(day(item), starts)
        if bucket is not None:
            table[bucket][key(item)] += 1
    return [[table[b][s] for s in range(groups)] for b in range(len(starts))]


def progress_charts(membership: Membership, today: dt.date | None = None) -> list[charts.Chart]:
    today = today or timezone.localdate()
    starts = week_starts(today)
    labels = [_label(s) for s in starts]
    since = starts[0]
    entries = list(
        entries_for(membership)
        .filter(happened_on__gte=since)
        .only("kind", "happened_on", "tension", "talk_kind")
    )

    tension: dict[int, list[int]] = defaultdict(list)
    for entry in entries:
        bucket = _bucket(entry.happened_on, starts)
        if bucket is not None and entry.tension:
            tension[bucket].append(entry.tension)
    tension_values = [
        round(sum(tension[b]) / len(tension[b]), 1) if tension[b] else None for b in range(WEEKS)
    ]

    conversations = [e for e in entries if e.kind == EntryKind.CONVERSATION and e.tension]
    calm_or_not = _counts(
        conversations,
        starts,
        day=lambda e: e.happened_on,
        key=lambda e: 0 if e.tension <= 2 else (1 if e.tension == 3 else 2),
    )
    victories = [e for e in entries if e.kind == EntryKind.SMALL_VICTORY]
    victory_counts = _counts(victories, starts, lambda e: e.happened_on, lambda e: 0, groups=1)
    heard = [e for e in entries if e.talk_kind in ("change", "sustain")]
    talk_counts = _counts(
        heard, starts, lambda e: e.happened_on, lambda e: 0 if e.talk_kind == "change" else 1, 2
    )

    tests = list(
        BoundaryTest.objects.filter(
            boundary__circle_id=membership.circle_id, happened_on__gte=since
        ).only("happened_on", "result")
    )
    order = {"held": 0, "bent": 1, "broke": 2}
    boundary_counts = _counts(tests, starts, lambda t: t.happened_on, lambda t: order[t.result])

    stage_ids = engine.load_content().scoring.stage_ids
    stage_by_week: dict[int, int] = {}
    earlier = None
    for record in StageRecord.objects.filter(circle_id=membership.circle_id).order_by("created_at"):
        day = timezone.localdate(record.created_at)
        bucket = _bucket(day, starts)
        if record.stage in stage_ids:
            if bucket is not None:
                stage_by_week[bucket] = stage_ids.index(record.stage)
            elif day < since:
                earlier = stage_ids.index(record.stage)
    stage_values: list[float | None] = []
    current = earlier
    for b in range(WEEKS):
        current = stage_by_week.get(b, current)
        stage_values.append(None if current is None else float(current))
    stage_titles = {
        float(i): engine.load_content().scoring.stage(s).title for i, s in enumerate(stage_ids)
    }

    checkins: dict[int, list[int]] = defaultdict(list)
    for saved in CheckIn.objects.filter(user_id=membership.user_id, created_at__date__gte=since):
        bucket = _bucket(timezone.localdate(saved.created_at), starts)
        if bucket is not None:
            checkins[bucket].append(saved.score)
    checkin_values = [
        float(round(sum(checkins[b]) / len(checkins[b]))) if checkins[b] else None
        for b in range(WEEKS)
    ]

    # Your own rehearsals only: they are private by default, and this is your practice.
    rehearsal_turns = RehearsalTurn.objects.filter(
        session__circle_id=membership.circle_id,
        session__author_id=membership.user_id,
        created_at__date__gte=since,
    ).only("move", "created_at")
    move_group = {"reflection": 0, "complex_reflection": 0, "open_question": 1, "roadblock": 2}
    rehearsal_counts = _counts(
        [t for t in rehearsal_turns if t.move in move_group],
        starts,
        lambda t: timezone.localdate(t.created_at),
        lambda t: move_group[t.move],
    )

    return [
        charts.line(
            "How tense things were",
            "Average tension of journal entries each week, from 1 (calm) to 5 (very tense).",
            labels,
            tension_values,
            top=5,
            series_name="Average tension",
            tick_labels={5.0: "5", 1.0: "1"},
        ),
        charts.stacked_bars(
            "Calm and tense conversations",
            "Conversations in the journal each week: calm (tension 1-2), mixed (3), "
            "escalated (4-5).",
            labels,
            ("Calm", "Mixed", "Escalated"),
            calm_or_not,
        ),
        charts.stacked_bars(
            "Change talk heard",
            "Quotes in the journal that sound like change talk (wanting, able, ready to "
            "change) or sustain talk (reasons to keep things as they are). A hint from a "
            "model, not a verdict.",
            labels,
            ("Change talk", "Sustain talk"),
            talk_counts,
        ),
        charts.stacked_bars(
            "Boundaries held",
            "Times a boundary was tested each week, and whether it held, bent or broke.",
            labels,
            ("Held", "Bent", "Broke"),
            boundary_counts,
        ),
        charts.stacked_bars(
            "Small victories",
            "Small victories written down each week.",
            labels,
            ("Small victories",),
            victory_counts,
        ),
        charts.line(
            "Your check-ins",
            "Your own strain score each week, from 0 (doing okay) to 100 (at risk of burnout). "
            "Only you see this chart.",
            labels,
            checkin_values,
            top=100,
            series_name="Strain score",
        ),
        charts.stacked_bars(
            "Your rehearsals",
            "What you said in practice conversations each week: reflections, open "
            "questions and roadblocks. More of the first two and fewer of the last is the "
            "skill growing. Only you see this chart.",
            labels,
            ("Reflections", "Open questions", "Roadblocks"),
            rehearsal_counts,
        ),
        charts.line(
            "Stage of change",
            "The stage of change recorded for each week, from precontemplation to maintenance.",
            labels,
            stage_values,
            top=float(len(stage_ids) - 1),
            series_name="Stage",
            tick_labels={
                max(stage_titles): stage_titles[max(stage_titles)],
                0.0: stage_titles[0.0],
            },
        ),
    ]
