"""Each main page asks the database a fixed number of times, however much the circle holds.

The counts are pinned: a change that adds a query to a main page shows up here, and a
page whose count grows with its entries (an N+1) fails. benchmarks/pages.py measures
the time; this file only counts.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porchlight.coach.models import Outcome
from porchlight.safety.models import SafetyPlan
from tests.conftest import Personas, client_for
from tests.factories import (
    BoundaryFactory,
    BoundaryTestFactory,
    CoachedMessageFactory,
    JournalEntryFactory,
    PlanCommentFactory,
)

# Page → queries for the circle's owner, session, user and membership included.
PAGES = {
    "": 16,
    "journal/": 5,
    "progress/": 11,
    "understand/": 8,
    "talk/": 4,
    "safety-plan/": 8,
}


def _add(personas: Personas, count: int) -> None:
    """`count` of each thing the main pages list or chart, spread over twelve weeks."""
    circle = personas.circle
    boundary = BoundaryFactory(circle=circle)
    plan = SafetyPlan.objects.get(circle=circle)
    today = timezone.localdate()
    for n in range(count):
        day = today - dt.timedelta(days=(n * 3) % 84)
        JournalEntryFactory(circle=circle, kind="conversation", tension=1 + n % 5, happened_on=day)
        JournalEntryFactory(circle=circle, kind="small_victory", happened_on=day)
        JournalEntryFactory(circle=circle, author=personas.bob, happened_on=day)
        BoundaryTestFactory(boundary=boundary, happened_on=day)
        CoachedMessageFactory(circle=circle, outcome=Outcome.MIXED)
        PlanCommentFactory(plan=plan, author=personas.carol)


def _queries(personas: Personas, page: str) -> int:
    client = client_for(personas.alice)
    url = f"/c/{personas.circle.id}/{page}"
    assert client.get(url).status_code == 200  # caches of the process, not of the data
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_main_page_query_count_is_fixed_with_3_or_30_of_everything(
    populated_circle: Personas, page: str
) -> None:
    _add(populated_circle, 3)
    few = _queries(populated_circle, page)
    _add(populated_circle, 27)
    many = _queries(populated_circle, page)

    assert (few, many) == (PAGES[page], PAGES[page])
