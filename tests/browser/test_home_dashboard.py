"""The circle home and its menus on a phone (390 by 844), with and without JavaScript."""

from __future__ import annotations

import os
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from porchlight.circles.models import Membership
from tests.browser.conftest import PHONE, axe_violations, describe, log_in

# Where a page's heading may start on a phone: one row of header and one menu row.
HEADING_TOP_MAX = 150
SCREENSHOTS = os.environ.get("PORCHLIGHT_SCREENSHOTS", "")


@pytest.fixture
def dan(db: None) -> Membership:
    call_command("demo", stdout=StringIO())
    return Membership.objects.select_related("circle", "user").get(
        circle__name="Dan", user__email="demo@porchlight.example"
    )


def heading_top(page: Any) -> float:
    return float(page.evaluate("document.querySelector('h1').getBoundingClientRect().top"))


def test_demo_dashboard_on_a_phone_shows_where_things_stand_near_the_top(
    live_server: Any, page: Any, dan: Membership
) -> None:
    log_in(page, dan.user, live_server.url)
    home = f"{live_server.url}/c/{dan.circle_id}/"

    page.goto(home)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/home.png", full_page=True)
    next_step = page.locator("#next-step").inner_text()
    stage = page.locator("#stage").inner_text()
    last = page.locator("#last-conversation").inner_text()
    home_top = heading_top(page)
    violations = axe_violations(page)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    header = page.locator(".site-header").bounding_box()
    page.goto(f"{home}journal/")
    journal_top = heading_top(page)

    assert "Stop trying to prove there is a problem." in next_step
    assert "Not thinking about change yet" in stage
    assert "Tension 2 of 5" in last
    assert "I want to feel better in the mornings." in last
    assert violations == [], describe(violations)
    assert fits
    assert header is not None
    assert header["height"] <= 64  # one row: brand, Get help now, Quick exit, Menu
    print(f"heading top: home {home_top:.0f} px, journal {journal_top:.0f} px")
    assert (home_top <= HEADING_TOP_MAX, journal_top <= HEADING_TOP_MAX) == (True, True), (
        home_top,
        journal_top,
    )


def test_circle_menu_with_javascript_opens_closes_on_escape_and_leads_to_a_section(
    live_server: Any, page: Any, dan: Membership
) -> None:
    log_in(page, dan.user, live_server.url)
    page.goto(f"{live_server.url}/c/{dan.circle_id}/")
    menu = page.locator(".circle-menu")
    summary = menu.locator("summary")

    journal = menu.get_by_role("link", name="Journal", exact=True)
    hidden_at_first = not journal.is_visible()
    summary.click()
    open_after_tap = menu.get_attribute("open") is not None
    page.keyboard.press("Escape")
    closed_by_escape = menu.get_attribute("open") is None
    summary.click()
    journal.click()
    page.wait_for_url("**/journal/")
    current = page.locator(".circle-menu-current").inner_text()
    box = page.locator(".circle-menu summary").bounding_box()

    assert (hidden_at_first, open_after_tap, closed_by_escape) == (True, True, True)
    assert current == "· Journal"
    assert box is not None
    assert box["height"] >= 44


def test_menus_work_without_javascript(browser: Any, live_server: Any, dan: Membership) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, dan.user, live_server.url)
        page.goto(f"{live_server.url}/c/{dan.circle_id}/")

        page.locator(".site-menu summary").click()
        reminders_shown = page.get_by_role("link", name="Reminders").is_visible()
        page.locator(".site-menu summary").click()
        page.locator(".circle-menu summary").click()
        page.locator(".circle-menu").get_by_role("link", name="Safety plan", exact=True).click()
        page.wait_for_url("**/safety-plan/")
        heading = page.locator("h1").inner_text()
    finally:
        context.close()

    assert reminders_shown
    assert "safety plan" in heading.lower()
