from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_help_works_without_an_account_or_javascript(client: Client) -> None:
    response = client.get("/help/")

    assert response.status_code == 200
    text = text_of(response)
    assert "If anyone is in danger right now" in text
    assert "call or text 988" in text
    # Two small scripts: quick exit and the offline copy; the page itself needs neither.
    html = response.content.decode()
    assert html.count("<script") == 2
    assert '<script src="/static/porchlight/quick-exit.js" defer></script>' in html
    assert '<script src="/static/safety/help-offline.js" defer></script>' in html


def test_every_page_links_to_get_help_now(client: Client) -> None:
    for url in ("/", "/accounts/login/", "/accounts/signup/", "/help/gb/"):
        assert (
            '<a class="help-now" href="/help/">Get help now</a>' in client.get(url).content.decode()
        )


def test_us_page_puts_911_first_then_988(client: Client) -> None:
    html = client.get("/help/us/").content.decode()

    assert html.index('href="tel:911"') < html.index('href="tel:988"')
    assert "Call or text 988" in text_of(html)
    assert "Checked 21 November 2026" in text_of(html)


def test_uk_page_shows_999_and_samaritans(client: Client) -> None:
    text = text_of(client.get("/help/gb/"))

    assert "Call 999" in text
    assert "Call 116 123" in text
    assert "Text SHOUT to 85258" in text
    assert "If you are afraid of someone" in text


def test_choosing_a_country_is_remembered(client: Client) -> None:
    response = client.get("/help/", {"country": "ie"})

    assert response["Location"] == "/help/ie/"
    assert client.get("/help/")["Location"] == "/help/ie/"


def test_an_unknown_country_is_explained(client: Client) -> None:
    response = client.get("/help/", {"country": "zz"})

    assert response.status_code == 400
    assert "Choose a country from the list." in text_of(response)
    assert client.get("/help/zz/").status_code == 404


def test_signed_in_supporter_sees_their_circles_country(personas: Personas) -> None:
    assert client_for(personas.dave).get("/help/")["Location"] == "/help/gb/"


def test_help_page_is_light_enough_for_a_bad_connection(client: Client) -> None:
    html = client.get("/help/us/").content
    css = b"".join(client.get("/static/porchlight/app.css").streaming_content)

    assert len(html) + len(css) < 50 * 1024


def test_service_worker_is_served_for_the_help_pages(client: Client) -> None:
    response = client.get("/help/sw.js")

    assert response["Content-Type"] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert 'const PRECACHE = ["/help/", "/static/porchlight/app.css"' in response.content.decode()


def test_us_page_lists_samhsa_and_says_it_is_not_a_crisis_line(client: Client) -> None:
    text = text_of(client.get("/help/us/"))

    assert "Help with drinking or drugs" in text
    assert "They are not crisis lines" in text
    assert "Call 1 800 662 4357" in text
    assert text.index("Call 911") < text.index("SAMHSA")


def test_spain_page_shows_016_under_if_you_are_afraid(client: Client) -> None:
    text = text_of(client.get("/help/es/"))

    assert text.index("If you are afraid of someone") < text.index("Call 016")


def test_canada_page_says_there_is_no_national_violence_line_and_shows_what_to_do(
    client: Client,
) -> None:
    response = client.get("/help/ca/")
    text = text_of(response)
    html = response.content.decode()

    violence = text[text.index("If you are afraid of someone") :]
    assert "Canada has no single national domestic-violence line" in violence
    assert "we have only confirmed British Columbia's" in violence
    assert "VictimLinkBC Only in British Columbia." in violence
    assert "Call 1 800 563-0808" in violence
    assert "Checked 2 December 2026 against justice.gc.ca" in violence
    violence_html = html[html.index('id="violence-heading"') :]
    assert '<a class="button button-secondary" href="tel:911">Call 911</a>' in violence_html
    assert 'href="tel:+18005630808"' in violence_html


def test_mexico_page_says_plainly_there_is_no_confirmed_violence_line(client: Client) -> None:
    response = client.get("/help/mx/")
    text = text_of(response)

    violence = text[text.index("If you are afraid of someone") :]
    assert "We could not confirm a national domestic-violence line for Mexico" in violence
    assert "Call 911" in violence
    assert "findahelpline.com" in violence
