"""What is changing: weekly figures for the progress page, from what members can see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from porchlight.boundaries.models import Boundary, BoundaryTest
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
    return f"{day.day} {day:%b}"


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def line_summary(
    labels: list[str],
    values: list[float | None],
    *,
    what: str,
    lower: str = "",
    higher: str = "",
    names: dict[float, str] | None = None,
) -> str:
    """One sentence on a weekly line: where it started and where it is now, in words.

    With one week only, it says so: a single point is not a trend.
    """
    known = [(labels[i], v) for i, v in enumerate(values) if v is not None]
    say = (lambda v: f"“{names[v]}”") if names else _number
    if not known:
        return ""
    if len(known) == 1:
        label, value = known[0]
        return (
            f"Only one week so far: {say(value)} in the week of {label}. "
            "A trend needs at least two weeks, so there is no line yet."
        )
    (first_label, first), (last_label, last) = known[0], known[-1]
    if first == last:
        return (
            f"{what} stayed at {say(first)}, from the week of {first_label} "
            f"to the week of {last_label}."
        )
    way = "down" if last < first else "up"
    meaning = lower if last < first else higher
    return (
        f"{what} went {way} from {say(first)} in the week of {first_label} to {say(last)} "
        f"in the week of {last_label}{f': {meaning}' if meaning else ''}."
    )


def bars_summary(labels: list[str], names: tuple[str, ...], values: list[list[float]]) -> str:
    """One sentence on weekly counts: the last six weeks against the six before."""
    totals = [sum(week) for week in values]
    if not any(totals):
        return ""

    def counted(weeks: list[list[float]]) -> str:
        sums = [int(sum(week[s] for week in weeks)) for s in range(len(names))]
        if not any(sums):
            return "none"
        return ", ".join(f"{name.lower()} {n}" for n, name in zip(sums, names, strict=True))

    busy = [i for i, total in enumerate(totals) if total]
    if len(busy) == 1:
        return f"Only the week of {labels[busy[0]]} has any so far: {counted([values[busy[0]]])}."
    half = len(values) // 2
    return (
        f"In the last {half} weeks: {counted(values[half:])}. "
        f"In the {half} weeks before: {counted(values[:half])}."
    )


def _events(membership: Membership, entries: list[Any], since: dt.date) -> list[charts.Event]:
    """What is marked on the charts: boundaries set, crises and appointments.

    An appointment is a journal entry tagged "appointment" (with a doctor, a
    counsellor, a first meeting with a group).
    """
    events = [
        charts.Event(day=timezone.localdate(created), label="Boundary set")
        for created in Boundary.objects.filter(
            circle_id=membership.circle_id, created_at__date__gte=since
        ).values_list("created_at", flat=True)
    ]
    events += [
        charts.Event(day=e.happened_on, label="Crisis")
        for e in entries
        if e.kind == EntryKind.CRISIS
    ]
    events += [
        charts.Event(day=e.happened_on, label="Appointment")
        for e in entries
        if "appointment" in [str(t).lower() for t in e.tags or []]
    ]
    return events


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
        .only("kind", "happened_on", "tension", "talk_kind", "tags")
    )
    events = _events(membership, entries, since)

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

    calm_names = ("Calm", "Mixed", "Escalated")
    talk_names = ("Change talk", "Sustain talk")
    boundary_names = ("Held", "Bent", "Broke")
    rehearsal_names = ("Reflections", "Open questions", "Roadblocks")
    return [
        charts.line(
            "How tense things were",
            "Average tension of journal entries each week, from 1 (calm) to 5 (very tense).",
            labels,
            tension_values,
            top=5,
            bottom=1,
            series_name="Average tension",
            grid_labels={5.0: "5 very tense", 3.0: "3", 1.0: "1 calm"},
            summary=line_summary(
                labels,
                tension_values,
                what="Average tension",
                lower="calmer",
                higher="more tense",
            ),
            events=events,
            starts=starts,
        ),
        charts.stacked_bars(
            "Calm and tense conversations",
            "Conversations in the journal each week: calm (tension 1-2), mixed (3), "
            "escalated (4-5).",
            labels,
            calm_names,
            calm_or_not,
            summary=bars_summary(labels, calm_names, calm_or_not),
            events=events,
            starts=starts,
        ),
        charts.stacked_bars(
            "Change talk heard",
            "Quotes in the journal that sound like change talk (wanting, able, ready to "
            "change) or sustain talk (reasons to keep things as they are). A hint from a "
            "model, not a verdict.",
            labels,
            talk_names,
            talk_counts,
            summary=bars_summary(labels, talk_names, talk_counts),
            events=events,
            starts=starts,
        ),
        charts.stacked_bars(
            "Boundaries held",
            "Times a boundary was tested each week, and whether it held, bent or broke.",
            labels,
            boundary_names,
            boundary_counts,
            summary=bars_summary(labels, boundary_names, boundary_counts),
            events=events,
            starts=starts,
        ),
        charts.stacked_bars(
            "Small victories",
            "Small victories written down each week.",
            labels,
            ("Small victories",),
            victory_counts,
            summary=bars_summary(labels, ("Small victories",), victory_counts),
            events=events,
            starts=starts,
        ),
        charts.line(
            "Your check-ins",
            "Your own strain score each week, from 0 (doing okay) to 100 (at risk of burnout). "
            "Only you see this chart.",
            labels,
            checkin_values,
            top=100,
            series_name="Strain score",
            grid_labels={100.0: "100 burnout risk", 50.0: "50", 0.0: "0 doing okay"},
            summary=line_summary(
                labels,
                checkin_values,
                what="Your strain score",
                lower="less strain",
                higher="more strain; look after yourself",
            ),
            events=events,
            starts=starts,
        ),
        charts.stacked_bars(
            "Your rehearsals",
            "What you said in practice conversations each week: reflections, open "
            "questions and roadblocks. More of the first two and fewer of the last is the "
            "skill growing. Only you see this chart.",
            labels,
            rehearsal_names,
            rehearsal_counts,
            summary=bars_summary(labels, rehearsal_names, rehearsal_counts),
            events=events,
            starts=starts,
        ),
        charts.line(
            "Stage of change",
            "The stage of change recorded for each week, from “Not thinking about change yet” "
            "to “Keeping it going”.",
            labels,
            stage_values,
            top=float(len(stage_ids) - 1),
            series_name="Stage",
            grid_labels=stage_titles,
            summary=line_summary(labels, stage_values, what="The stage", names=stage_titles),
            value_format="",
            value_names=stage_titles,
            events=events,
            starts=starts,
        ),
    ]
