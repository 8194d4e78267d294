"""The pages the triage now shows, in a real browser on a phone: axe-clean, no
sideways scrolling, and the right words at the top."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas

pytestmark = pytest.mark.browser


def assert_clean(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_safety_first_result_for_psychosis_with_threats(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/help/check/")
    page.get_by_label("Yes, and they hear voices telling them to do things", exact=False).check()
    page.get_by_label("Yes, they have made threats or been violent recently").check()
    page.get_by_role("button", name="See what to do").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Act now: get to safety, then call your emergency number"
    )
    assert_clean(page)


def test_an_empty_check_asks_again(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/help/check/")
    page.get_by_role("button", name="See what to do").click()

    assert page.get_by_role("alert").get_by_text("We could not check anything").is_visible()
    assert_clean(page)


def test_the_private_save_choice_is_accessible(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/safety-check/")
    page.get_by_label("Yes, at times").check()
    page.get_by_role("button", name="See what to do").click()

    assert page.get_by_label("Only me: keep it private").is_checked()
    assert_clean(page)
    page.get_by_role("button", name="Save this result").click()
    assert page.get_by_text("Only you can see it.").is_visible()


def test_the_craft_gate_is_accessible(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/learn/craft/")
    assert_clean(page)
    page.get_by_role("link", name="No, I feel safe with them").click()

    assert page.get_by_text("pull back your attention and rewards", exact=False).is_visible()
