"""The links into Where to get help: from the playbook, the triage's "plan" and "urgent"
results and the circle home, each landing on the entries for the circle's concerns and
country; and a circle in a country with no verified entries is told so."""

from __future__ import annotations

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from porchlight.circles.models import Circle
from porchlight.directory.catalogue import load_directory
from porchlight.safety.crisis import COUNTRY_COOKIE
from tests.conftest import Personas, client_for
from tests.factories import CircleFactory, MembershipFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

URGENT = {"talk_of_dying": "said_clearly", "trend": "worse"}
PLAN = {"past_attempt": "happened"}
ENTRY_NAME = re.compile(r'<li class="card directory-entry">\s*<h3><a href="[^"]*">([^<]*)</a>')


def shown_entries(body: str) -> set[str]:
    """The names of the directory entries a page lists."""
    return {html.unescape(name) for name in ENTRY_NAME.findall(body)}


def expected_entries(country: str, concerns: list[str]) -> set[str]:
    return {e.name for e in load_directory().find(country=country, concerns=concerns)}


def link_to_where_to_get_help(body: str) -> str:
    """The page's own link to Where to get help (not the one in every footer)."""
    main = body.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    (href,) = set(re.findall(r'<a href="([^"]*where-to-get-help/[^"]*)">Where to get help', main))
    return html.unescape(href)


def member_client(
    personas: Personas, *, country: str, concerns: list[str]
) -> tuple[Client, Circle]:
    circle = CircleFactory(name="Theo", country=country, concerns=concerns)
    MembershipFactory(circle=circle, user=personas.bob)
    return client_for(personas.bob), circle


@pytest.mark.parametrize("answers", [URGENT, PLAN], ids=["urgent", "plan"])
def test_the_circle_triage_result_links_to_the_circles_entries(
    personas: Personas, answers: dict[str, str]
) -> None:
    client, circle = member_client(personas, country="AU", concerns=["drugs"])
    result = client.post(f"/c/{circle.id}/safety-check/", answers)
    assert result.context["result"].level in {"urgent", "plan"}

    href = link_to_where_to_get_help(result.content.decode())
    page = client.get(href)

    assert href == f"/c/{circle.id}/where-to-get-help/"
    assert shown_entries(page.content.decode()) == expected_entries("AU", ["drugs"])
    assert "Family Drug Support Australia" in text_of(page)


def test_the_public_triage_result_links_to_the_country_chosen_on_get_help_now(
    client: Client,
) -> None:
    client.cookies[COUNTRY_COOKIE] = "nz"
    result = client.post("/help/check/", URGENT)
    assert result.context["result"].level == "urgent"

    href = link_to_where_to_get_help(result.content.decode())
    page = client.get(href)

    assert href == "/where-to-get-help/?country=NZ"
    assert shown_entries(page.content.decode()) == expected_entries("NZ", [])


def test_the_public_triage_result_without_a_country_links_to_the_whole_directory(
    client: Client,
) -> None:
    result = client.post("/help/check/", URGENT)

    assert link_to_where_to_get_help(result.content.decode()) == "/where-to-get-help/"


def test_the_circle_home_links_to_the_circles_entries(personas: Personas) -> None:
    client, circle = member_client(personas, country="GB", concerns=["alcohol"])
    home = client.get(f"/c/{circle.id}/")

    href = link_to_where_to_get_help(home.content.decode())
    page = client.get(href)

    assert href == f"/c/{circle.id}/where-to-get-help/"
    shown = shown_entries(page.content.decode())
    assert shown == expected_entries("GB", ["alcohol"])
    assert {"Adfam", "Al-Anon Family Groups"} <= shown
    assert "Family Drug Support Australia" not in shown


@pytest.mark.parametrize("name", ["Mum", "Theo", "Sam", "Dan"])  # GB, CA, AU, US
def test_the_playbook_links_to_the_circles_entries(name: str) -> None:
    call_command("demo", stdout=StringIO())
    client = Client()
    client.post(
        "/accounts/login/", {"username": "demo@porchlight.example", "password": "porchlight-demo"}
    )
    circle = Circle.objects.get(name=name)
    overview = client.get(f"/c/{circle.id}/understand/")

    href = link_to_where_to_get_help(overview.content.decode())
    page = client.get(href)

    assert href == f"/c/{circle.id}/where-to-get-help/"
    assert shown_entries(page.content.decode()) == expected_entries(
        str(circle.country), list(circle.concerns)
    )


def test_a_circle_in_a_country_without_verified_entries_says_so_and_offers_international_routes(
    personas: Personas,
) -> None:
    client, circle = member_client(personas, country="CN", concerns=["alcohol"])
    home = client.get(f"/c/{circle.id}/")
    page = client.get(link_to_where_to_get_help(home.content.decode()))

    text = text_of(page)
    worldwide = {
        e.name for e in load_directory().find(country="CN", concerns=["alcohol"]) if e.worldwide
    }
    assert "We have not verified local services for China yet" in text
    assert shown_entries(page.content.decode()) == worldwide
    assert "Al-Anon Family Groups" in worldwide
    assert 'href="/help/"' in page.content.decode()  # Get help now: crisis lines anywhere
    assert "We have not written this up for China yet." in text


def test_india_shows_its_bengaluru_route_and_says_it_covers_bengaluru_only(
    client: Client,
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "IN", "concern": "alcohol"}))

    assert "Getting professional help when they refuse" in text
    assert "NIMHANS Addiction Medicine outpatient clinic (Bengaluru)" in text
    assert "Bengaluru only" in text
    assert "Al-Anon Family Groups" in text


@pytest.mark.parametrize(("country", "name"), [("IN", "India"), ("PH", "Philippines")])
def test_a_country_without_a_family_group_of_its_own_says_so(
    client: Client, country: str, name: str
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": country}))
    route = load_directory().find(country=country, professional=True)[0].name

    assert (
        f"We have not verified a local family group for {name} yet. "
        "The groups below work in any country."
    ) in text
    assert route in text
    assert f"We have not verified local services for {name} yet" not in text


def test_a_country_with_a_family_group_of_its_own_does_not_say_it_lacks_one(
    client: Client,
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "GB"}))

    assert "We have not verified a local family group" not in text
