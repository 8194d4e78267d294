from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porchlight.journal.models import JournalEntry
from porchlight.progress import services
from porchlight.selfcare.models import CheckIn
from porchlight.understand.services import choose_stage
from tests.conftest import Personas, client_for
from tests.factories import JournalEntryFactory
from tests.html import text_of
from tests.lookup import one

pytestmark = pytest.mark.django_db


def entry(
    personas: Personas, days_ago: int, kind: str = "conversation", tension: int | None = None
) -> None:
    JournalEntryFactory(
        circle=personas.circle,
        author=personas.bob,
        kind=kind,
        tension=tension,
        happened_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def by_title(personas: Personas) -> dict[str, object]:
    charts = services.progress_charts(personas.membership(personas.bob))
    return {chart.title: chart for chart in charts}


def test_weekly_tension_is_averaged_and_empty_weeks_stay_empty(personas: Personas) -> None:
    entry(personas, 0, tension=2)
    entry(personas, 0, tension=4)
    entry(personas, 21, tension=5)

    chart = by_title(personas)["How tense things were"]

    values = [values[0] for _, values in chart.rows]  # type: ignore[attr-defined]
    assert values[-1] == 3.0
    assert values[-4] == 5.0
    assert values[-2] is None


def test_conversations_are_split_into_calm_mixed_and_escalated(personas: Personas) -> None:
    for tension in (1, 2, 3, 5):
        entry(personas, 0, tension=tension)

    chart = by_title(personas)["Calm and tense conversations"]

    assert chart.rows[-1][1] == (2.0, 1.0, 1.0)  # type: ignore[attr-defined]


def test_small_victories_are_counted(personas: Personas) -> None:
    entry(personas, 0, kind="small_victory")
    entry(personas, 1, kind="small_victory")

    assert sum(v[0] for _, v in by_title(personas)["Small victories"].rows) == 2  # type: ignore[attr-defined]


def test_private_entries_of_others_do_not_count(personas: Personas) -> None:
    JournalEntryFactory(
        circle=personas.circle, author=personas.alice, kind="conversation", tension=5, private=True
    )

    chart = by_title(personas)["How tense things were"]

    assert chart.rows[-1][1] == (None,)  # type: ignore[attr-defined]


def test_page_shows_charts_with_tables_and_a_fixed_number_of_queries(personas: Personas) -> None:
    entry(personas, 0, tension=3)
    client = client_for(personas.bob)
    client.get(f"/c/{personas.circle.id}/progress/")
    with CaptureQueriesContext(connection) as few:
        response = client.get(f"/c/{personas.circle.id}/progress/")
    for days in range(0, 60, 2):
        entry(personas, days, tension=2)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/c/{personas.circle.id}/progress/")

    text = text_of(response)
    assert "How tense things were" in text
    assert "The numbers" in text
    assert '<svg class="chart-svg"' in response.content.decode()
    assert len(many) == len(few)


def test_stage_of_change_is_drawn_even_at_the_first_stage(personas: Personas) -> None:

    choose_stage(
        circle=personas.circle, author=personas.bob, stage="precontemplation", relapse=False
    )

    chart = by_title(personas)["Stage of change"]

    assert not chart.empty  # type: ignore[attr-defined]
    assert chart.rows[-1][1] == (0.0,)  # type: ignore[attr-defined]


def test_change_talk_heard_is_counted_from_quotes(personas: Personas) -> None:
    client_for(personas.bob).post(
        f"/c/{personas.circle.id}/journal/new/",
        {
            "kind": "conversation",
            "happened_on": timezone.localdate().isoformat(),
            "they_said": "maybe I could cut down on weekdays",
        },
    )

    entry = one(JournalEntry.objects.all(), they_said="maybe I could cut down on weekdays")
    assert entry.talk_kind == "change"
    assert by_title(personas)["Change talk heard"].rows[-1][1] == (1.0, 0.0)  # type: ignore[attr-defined]
    text = text_of(client_for(personas.bob).get(f"/c/{personas.circle.id}/journal/"))
    assert "Sounds like change talk" in text


def test_check_in_trend_is_the_members_own(personas: Personas) -> None:

    CheckIn.objects.create(user=personas.bob, answers={}, score=60, band="at_risk")
    CheckIn.objects.create(user=personas.alice, answers={}, score=10, band="doing_okay")

    chart = by_title(personas)["Your check-ins"]

    assert chart.rows[-1][1] == (60.0,)  # type: ignore[attr-defined]
