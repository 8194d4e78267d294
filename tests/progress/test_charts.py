"""The progress charts as people read them: whole labels, keys, sentences, events."""

from __future__ import annotations

import datetime as dt
import itertools
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from porchlight.core import charts
from porchlight.progress import services
from porchlight.understand import engine
from porchlight.understand.services import choose_stage
from tests.conftest import Personas, client_for
from tests.factories import BoundaryFactory, JournalEntryFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


class _Svg(HTMLParser):
    """Every chart on the page: its <text> labels and the colour classes of its keys."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.charts: list[dict[str, list[str]]] = []
        self.in_text = False
        self.in_legend = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "chart" in (a.get("class") or ""):
            self.charts.append({"texts": [], "keys": [], "legend": [], "lines": [], "markers": []})
        elif tag == "text":
            self.in_text = True
            self.charts[-1]["texts"].append("")
            if a.get("class") == "marker-label":
                self.charts[-1]["markers"].append(str(len(self.charts[-1]["texts"]) - 1))
        elif tag == "ul" and a.get("class") == "legend":
            self.in_legend = True
        elif tag == "rect" and self.in_legend:
            self.charts[-1]["keys"].append(a.get("class") or "")
        elif tag == "polyline":
            self.charts[-1]["lines"].append(a.get("points") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self.in_text = False
        elif tag == "ul":
            self.in_legend = False

    def handle_data(self, data: str) -> None:
        if self.in_text:
            self.charts[-1]["texts"][-1] += data
        elif self.in_legend and data.strip():
            self.charts[-1]["legend"].append(data.strip())


def page_charts(personas: Personas) -> tuple[list[dict[str, list[str]]], str]:
    response = client_for(personas.bob).get(f"/c/{personas.circle.id}/progress/")
    parser = _Svg()
    parser.feed(response.content.decode())
    return parser.charts, text_of(response)


def entry(personas: Personas, days_ago: int, **fields: object) -> None:
    JournalEntryFactory(
        circle=personas.circle,
        author=personas.bob,
        happened_on=timezone.localdate() - dt.timedelta(days=days_ago),
        **{"kind": "conversation", **fields},
    )


def test_stage_labels_are_whole_words_in_the_svg(personas: Personas) -> None:
    choose_stage(circle=personas.circle, author=personas.bob, stage="maintenance", relapse=False)

    found, _ = page_charts(personas)

    stage_chart = found[-1]
    scoring = engine.load_content().scoring
    titles = [scoring.stage(s).title for s in scoring.stage_ids]
    assert titles[-1] == "Keeping it going"
    for title in titles:
        assert title in stage_chart["texts"]
    assert not any("…" in text for chart in found for text in chart["texts"])


def test_every_label_fits_inside_the_drawing() -> None:
    starts = services.week_starts(dt.date(2026, 12, 2))
    labels = [services._label(s) for s in starts]
    long_grid = {0.0: "Not thinking about change yet", 4.0: "Keeping it going"}
    drawn = [
        charts.line("t", "d", labels, [1.0] * 12, top=4, series_name="s", grid_labels=long_grid),
        charts.stacked_bars("t", "d", labels, ("a", "b"), [[3.0, 9.0]] * 12),
    ]

    for chart in drawn:
        ticks = [*chart.grid, *chart.x_ticks]
        if chart.value_label:
            ticks.append(chart.value_label)
        for tick in ticks:
            left, right = charts._extent(tick)
            assert left >= 0, tick
            assert right <= chart.width, tick
        extents = sorted(charts._extent(t) for t in chart.x_ticks)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(extents))
        assert chart.x_ticks[-1].label == labels[-1]  # this week is always labelled


def test_legend_has_a_colour_key_for_every_series(personas: Personas) -> None:
    entry(personas, 0, tension=1)
    entry(personas, 0, tension=5)

    found, _ = page_charts(personas)

    calm_chart = found[1]
    assert calm_chart["legend"] == ["Calm", "Mixed", "Escalated"]
    assert calm_chart["keys"] == ["series-0", "series-1", "series-2"]


def test_a_single_week_draws_a_point_without_a_line_and_says_so(personas: Personas) -> None:
    entry(personas, 0, tension=3)

    found, text = page_charts(personas)

    week = services._label(services.week_starts(timezone.localdate())[-1])
    assert found[0]["lines"] == []
    assert (
        f"Only one week so far: 3 in the week of {week}. A trend needs at least two weeks, "
        "so there is no line yet."
    ) in text


def test_the_sentence_under_a_line_says_which_way_it_went(personas: Personas) -> None:
    entry(personas, 28, tension=5)
    entry(personas, 0, tension=2)

    found, text = page_charts(personas)

    starts = services.week_starts(timezone.localdate())
    assert found[0]["lines"] != []
    assert (
        f"Average tension went down from 5 in the week of {services._label(starts[-5])} "
        f"to 2 in the week of {services._label(starts[-1])}: calmer."
    ) in text


def test_the_sentence_under_bars_compares_the_last_six_weeks(personas: Personas) -> None:
    entry(personas, 0, tension=1)
    entry(personas, 7, tension=5)
    entry(personas, 60, tension=5)

    _, text = page_charts(personas)

    assert "In the last 6 weeks: calm 1, mixed 0, escalated 1. In the 6 weeks before: " in text
    assert "calm 0, mixed 0, escalated 1." in text


def test_boundaries_set_crises_and_appointments_are_marked(personas: Personas) -> None:
    entry(personas, 14, kind="crisis", tension=5)
    entry(personas, 7, kind="note", tags=["Appointment"])
    BoundaryFactory(circle=personas.circle, author=personas.bob)

    found, text = page_charts(personas)

    today = timezone.localdate()
    crisis, appointment = today - dt.timedelta(days=14), today - dt.timedelta(days=7)
    assert (
        f"1 {crisis.day} {crisis:%b}: Crisis 2 {appointment.day} {appointment:%b}: Appointment "
        f"3 {today.day} {today:%b}: Boundary set"
    ) in text
    tension = found[0]
    assert [tension["texts"][int(i)] for i in tension["markers"]] == ["1", "2", "3"]
