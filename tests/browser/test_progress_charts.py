"""The progress charts on a 390 px phone: every label inside its drawing, with and without JS."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from porchlight.understand.services import choose_stage
from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas
from tests.factories import BoundaryFactory, JournalEntryFactory


@pytest.fixture
def busy_circle(personas: Personas) -> Personas:
    """Twelve weeks of entries, a crisis, a boundary set and the longest stage title."""
    today = timezone.localdate()
    for week in range(12):
        JournalEntryFactory(
            circle=personas.circle,
            author=personas.alice,
            kind="crisis" if week == 6 else "conversation",
            tension=1 + week % 5,
            happened_on=today - dt.timedelta(weeks=week),
        )
    BoundaryFactory(circle=personas.circle, author=personas.alice)
    for stage in ("precontemplation", "maintenance"):
        choose_stage(circle=personas.circle, author=personas.alice, stage=stage, relapse=False)
    return personas


def labels_outside_their_chart(page: Any) -> list[str]:
    """Every <text> in every chart whose drawn box is not inside its SVG's box."""
    outside = []
    charts = page.locator("svg.chart-svg")
    assert charts.count() >= 3  # tension, calm and tense, stage of change
    for index in range(charts.count()):
        svg = charts.nth(index)
        frame = svg.bounding_box()
        texts = svg.locator("text")
        for t in range(texts.count()):
            box = texts.nth(t).bounding_box()
            inside = (
                box["x"] >= frame["x"] - 0.5
                and box["y"] >= frame["y"] - 0.5
                and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
                and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5
            )
            if not inside:
                outside.append(f"chart {index + 1}: {texts.nth(t).text_content()!r}")
    return outside


@pytest.mark.usefixtures("busy_circle")
def test_chart_labels_sit_inside_the_charts_on_a_phone(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.alice, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/progress/")

    assert labels_outside_their_chart(page) == []
    assert page.get_by_text("Keeping it going", exact=True).count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.usefixtures("busy_circle")
def test_charts_read_the_same_without_javascript(
    live_server: Any, browser: Any, personas: Personas
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, personas.alice, live_server.url)
        page.goto(f"{live_server.url}/c/{personas.circle.id}/progress/")

        assert labels_outside_their_chart(page) == []
        assert page.locator(".chart-summary").first.inner_text().startswith("Average tension")
        assert page.locator(".chart-events li").first.is_visible()
        page.get_by_text("The numbers").first.click()
        assert page.locator("table").first.is_visible()
    finally:
        context.close()
