"""Where to get help, in a real browser on a phone: the filters work without
JavaScript tricks, the pages are axe-clean and nothing scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_check_result_pages import assert_clean

pytestmark = pytest.mark.browser


def test_filtering_the_directory_on_a_phone(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/where-to-get-help/")
    assert page.viewport_size == {"width": 390, "height": 844}
    assert_clean(page)

    page.locator("#id_country").select_option("AU")
    page.locator("#id_concern").select_option("drugs")
    page.get_by_role("button", name="Show").click()

    assert page.get_by_role("heading", name="Support for you in Australia").is_visible()
    assert page.get_by_role("link", name="Family Drug Support Australia").is_visible()
    assert page.get_by_text("NAMI Family-to-Family").count() == 0
    page.get_by_text("How we checked this").first.click()
    page.get_by_text("Report a wrong entry").first.click()
    assert page.get_by_role("button", name="Send the report").first.is_visible()
    assert_clean(page)


@pytest.mark.parametrize("slug", ["england-wales", "ontario"])
def test_the_legal_pages_on_a_phone(live_server: Any, page: Any, slug: str) -> None:
    page.goto(f"{live_server.url}/where-to-get-help/law/{slug}/")

    assert page.viewport_size == {"width": 390, "height": 844}
    assert page.get_by_text("This is not legal advice.").is_visible()
    assert_clean(page)
