"""A quick exit on every page: a plain link that works without JavaScript, and a small
external script that replaces the page in the history where the browser allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from porchlight.core.context_processors import QUICK_EXIT_URL
from tests.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "porchlight/core/static/porchlight/quick-exit.js"
LINK = f'<a class="quick-exit" href="{QUICK_EXIT_URL}" rel="noreferrer" data-quick-exit>Quick exit'


def test_quick_exit_goes_to_a_neutral_site() -> None:
    assert QUICK_EXIT_URL == "https://www.bbc.co.uk/weather"


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/signup/", "/help/", "/help/gb/", "/learn/"]
)
def test_every_public_page_has_the_quick_exit(client: Client, url: str) -> None:
    html = client.get(url, follow=True).content.decode()

    assert LINK in html
    assert '<script src="/static/porchlight/quick-exit.js" defer></script>' in html


def test_every_circle_page_has_the_quick_exit(personas: Personas) -> None:
    client = client_for(personas.bob)
    base = f"/c/{personas.circle.id}"
    for suffix in ("/", "/safety-plan/", "/journal/", "/talk/", "/you/", "/safety-check/"):
        assert LINK in client.get(base + suffix).content.decode(), suffix


def test_the_quick_exit_is_the_first_thing_after_the_skip_link_and_help(client: Client) -> None:
    html = client.get("/help/").content.decode()

    assert html.index("skip-link") < html.index("help-now") < html.index("data-quick-exit")
    assert html.index("data-quick-exit") < html.index('<main id="main"')


def test_the_script_replaces_history_and_listens_for_escape() -> None:
    script = SCRIPT.read_text()

    assert "window.location.replace(url)" in script
    assert '"Escape"' in script
    assert "innerHTML" not in script
    assert "eval(" not in script
