"""The crisis path in a real browser: tap-to-call everywhere, with or without a country,
and a quick exit that leaves no page behind in the history."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.factories import CircleFactory, MembershipFactory, UserFactory

NEUTRAL = "https://www.bbc.co.uk/weather"


def serve_neutral_page(page: Any) -> None:
    """No outside requests in tests: answer the neutral site locally."""
    page.context.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Weather</p>"),
    )


def call_button(scope: Any, number: str) -> Any:
    return scope.locator(f'a.call-button[href="tel:{number}"]')


def assert_large_target(locator: Any) -> None:
    box = locator.bounding_box()
    assert box is not None
    assert box["height"] >= 44, box
    assert box["width"] >= 200, box


def test_act_now_from_the_open_check_without_a_country_offers_a_tap_to_call(
    live_server: Any, page: Any
) -> None:
    page.goto(f"{live_server.url}/help/check/")
    page.get_by_label("They can't be woken, or they don't respond to you").check()
    page.get_by_role("button", name="See what to do").click()

    result = page.locator(".call-now").first
    button = call_button(result, "112")
    assert button.is_visible()
    assert button.inner_text().startswith("Call 112")
    assert_large_target(button)
    assert call_button(result, "911").is_visible()

    # One step to the right numbers, without JavaScript needed.
    result.get_by_label("Where are you? We'll show your numbers").select_option("jp")
    result.get_by_role("button", name="Show numbers").click()
    assert page.url.endswith("/help/jp/")
    assert call_button(page.locator("main"), "119").is_visible()


@pytest.fixture
def circle_in_china(db: None) -> tuple[Any, Any]:
    user = UserFactory(email="mei@example.com", display_name="Mei")
    circle = CircleFactory(name="Lan", created_by=user, country="CN")
    MembershipFactory(circle=circle, user=user, role="owner")
    return user, circle


def test_a_circle_without_verified_lines_shows_its_emergency_numbers_everywhere(
    live_server: Any, page: Any, circle_in_china: tuple[Any, Any]
) -> None:
    user, circle = circle_in_china
    log_in(page, user, live_server.url)
    base = f"{live_server.url}/c/{circle.id}"

    # Get help now starts at the circle's country.
    page.goto(f"{live_server.url}/help/")
    assert page.url.endswith("/help/cn/")
    assert call_button(page.locator("main"), "120").is_visible()
    assert page.get_by_role("link", name="findahelpline.com").first.is_visible()

    # A journal entry with risk words: the alert has China's numbers to tap.
    page.goto(f"{base}/journal/new/")
    page.get_by_label("What did they say?").fill("he has taken all his pills and I cannot wake him")
    page.get_by_role("button", name="Save").first.click()
    alert = page.get_by_role("alert")
    assert call_button(alert, "120").is_visible()
    assert call_button(alert, "110").is_visible()
    assert_large_target(call_button(alert, "120"))

    # The circle's safety check.
    page.goto(f"{base}/safety-check/")
    page.get_by_label("They can't be woken, or they don't respond to you").check()
    page.get_by_role("button", name="See what to do").click()
    assert call_button(page.locator(".call-now").first, "120").is_visible()

    # The safety plan.
    page.goto(f"{base}/safety-plan/edit/")
    page.get_by_label("What helps Lan calm down").fill("Tea with his brother.")
    page.get_by_role("button", name="Save the plan").click()
    assert page.locator('main a[href="tel:120"]').first.is_visible()


@pytest.fixture
def circle_in_canada(db: None) -> tuple[Any, Any]:
    user = UserFactory(email="claire@example.com", display_name="Claire")
    circle = CircleFactory(name="Remi", created_by=user, country="CA")
    MembershipFactory(circle=circle, user=user, role="owner")
    return user, circle


def test_a_threat_in_canada_says_there_is_no_national_violence_line_and_what_to_tap(
    live_server: Any, page: Any, circle_in_canada: tuple[Any, Any]
) -> None:
    user, circle = circle_in_canada
    log_in(page, user, live_server.url)

    page.goto(f"{live_server.url}/c/{circle.id}/journal/new/")
    page.get_by_label("What did they say?").fill("He said he will kill me if I leave")
    page.get_by_role("button", name="Save").first.click()

    alert = page.get_by_role("alert")
    assert alert.get_by_text("Your safety comes first").is_visible()
    assert alert.get_by_text("Canada has no single national domestic-violence line").is_visible()
    assert alert.get_by_text("Only in British Columbia.").is_visible()
    assert alert.locator('a[href="tel:+18005630808"]').is_visible()
    assert_large_target(call_button(alert, "911"))


def test_quick_exit_leaves_for_a_neutral_page_and_replaces_the_history_entry(
    live_server: Any, page: Any
) -> None:
    serve_neutral_page(page)
    page.goto(f"{live_server.url}/learn/")
    page.goto(f"{live_server.url}/help/gb/")
    before = page.evaluate("history.length")

    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL + "**")

    assert page.evaluate("history.length") == before  # replaced, not added
    page.go_back()
    assert page.url.endswith("/learn/")  # the help page is gone from the back button


def test_quick_exit_by_keyboard_and_escape_twice(live_server: Any, page: Any) -> None:
    serve_neutral_page(page)
    page.goto(f"{live_server.url}/help/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # Porchlight
    page.keyboard.press("Tab")  # Get help now (Learn is in the menu now)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.quickExit") == ""

    page.goto(f"{live_server.url}/learn/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL + "**")


def test_quick_exit_works_without_javascript(live_server: Any, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    serve_neutral_page(page)

    page.goto(f"{live_server.url}/help/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL + "**")
    context.close()
