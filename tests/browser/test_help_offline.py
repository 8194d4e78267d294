"""Get help now keeps working when the network is gone, after one visit."""

from __future__ import annotations

from typing import Any


def test_help_page_is_available_offline_after_one_visit(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/help/gb/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the service worker, which keeps a copy

    page.context.set_offline(True)
    page.goto(live_server.url + "/help/gb/")

    text = page.inner_text("main")
    assert "Call 999" in text
    assert "Samaritans" in text


def test_help_root_offline_shows_the_last_country_seen(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/help/ie/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()

    page.context.set_offline(True)
    page.goto(live_server.url + "/help/")

    assert "Crisis lines in Ireland" in page.inner_text("main")


def test_help_page_works_with_javascript_turned_off(live_server: Any, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + "/help/")
    page.get_by_label("Where are you? We'll show your numbers").select_option("au")
    page.get_by_role("button", name="Show numbers").click()

    assert page.url.endswith("/help/au/")
    assert "Call 000" in page.inner_text("main")
    context.close()
