from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from porchlight.circles.models import Circle
from porchlight.content.circle_choices import concern_ids
from porchlight.directory import catalogue
from porchlight.directory.catalogue import load_directory, load_legal
from tests.conftest import Personas, client_for
from tests.factories import CircleFactory, MembershipFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

# Every country with entries of its own, one with none, and "any country".
COUNTRIES = [*load_directory().countries, "CN", ""]
CONCERNS = ["", *concern_ids()]


def test_the_public_page_renders_for_every_country_and_concern(client: Client) -> None:
    # Filters are independent, so every country with every concern's extremes
    # ("any" and one) and every concern with the extremes of country covers each
    # value and the empty results, in a tenth of the requests of every pair.
    pairs = {(country, "") for country in COUNTRIES} | {
        (country, "alcohol") for country in COUNTRIES
    }
    pairs |= {(country, concern) for country in ("", "GB", "CN") for concern in CONCERNS}
    for country, concern in sorted(pairs):
        response = client.get("/where-to-get-help/", {"country": country, "concern": concern})
        assert response.status_code == 200, (country, concern)


def test_the_public_page_needs_no_account_and_lists_everything(client: Client) -> None:
    response = client.get("/where-to-get-help/")

    assert response.status_code == 200
    text = text_of(response)
    for entry in load_directory().entries:
        assert entry.name in text


def test_filtering_by_country_and_concern_shows_only_what_serves_it(client: Client) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "GB", "concern": "alcohol"}))

    assert "Support for you in United Kingdom" in text
    assert "Adfam" in text
    assert "Al-Anon Family Groups" in text
    assert "NAMI Family-to-Family" not in text
    assert "Family Drug Support Australia" not in text
    assert "England and Wales" in text
    assert "Ontario" not in text


def test_a_country_without_verified_entries_says_so_and_offers_international_groups(
    client: Client,
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "CN", "concern": "drugs"}))

    assert "We have not verified local services for China yet" in text
    assert "Nar-Anon Family Groups" in text
    assert "We have not written this up for China yet." in text


def test_a_verified_country_with_an_empty_file_says_nothing_local_is_verified(
    client: Client,
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "MX", "concern": "alcohol"}))

    assert "We have not verified local services for Mexico yet" in text
    assert "Al-Anon Family Groups" in text


def test_a_newly_covered_country_shows_its_own_groups_and_professional_route(
    client: Client,
) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "DE", "concern": "psychosis"}))

    assert "Support for you in Germany" in text
    assert "BApK (Bundesverband der Angehörigen psychisch erkrankter Menschen)" in text
    assert "Sozialpsychiatrischer Dienst" in text
    assert "We have not verified local services" not in text
    assert "Family Drug Support Australia" not in text


def test_an_unknown_filter_value_is_ignored_not_an_error(client: Client) -> None:
    response = client.get("/where-to-get-help/", {"country": "ZZ", "concern": "x"})

    assert response.status_code == 200
    assert response.context["filtered"] is False


def test_each_entry_shows_how_it_was_checked(client: Client) -> None:
    text = text_of(client.get("/where-to-get-help/", {"country": "AU"}))

    assert "Checked 1 December 2026 by Porchlight directory review" in text
    assert "1300 368 186" in text


def test_an_entry_past_review_is_marked_needs_re_checking(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(catalogue, "REVIEW_DAYS", -1)
    text = text_of(client.get("/where-to-get-help/", {"country": "GB"}))

    assert "Needs re-checking" in text


@pytest.mark.parametrize("slug", sorted(load_legal()))
def test_every_legal_page_renders_with_its_steps_and_disclaimer(client: Client, slug: str) -> None:
    page = load_legal()[slug]
    text = text_of(client.get(f"/where-to-get-help/law/{slug}/"))

    assert "This is not legal advice." in text
    for heading in ("1. Is there danger now?", "3. Who can start what", "8. What to write down"):
        assert heading in text
    assert page.law in text


def test_the_england_legal_page_flags_the_changes_coming(client: Client) -> None:
    text = text_of(client.get("/where-to-get-help/law/england-wales/"))

    assert "Changes coming" in text
    assert "nominated person" in text


def test_an_unknown_legal_page_is_404(client: Client) -> None:
    assert client.get("/where-to-get-help/law/narnia/").status_code == 404


def test_the_circle_view_uses_the_circles_country_and_concerns(personas: Personas) -> None:
    circle = CircleFactory(name="Theo", country="CA", concerns=["depression"])
    MembershipFactory(circle=circle, user=personas.bob)
    text = text_of(client_for(personas.bob).get(f"/c/{circle.id}/where-to-get-help/"))

    assert "For depression, in Canada." in text
    assert "ConnexOntario" in text
    assert "Ontario" in text  # the legal page for Ontario
    assert "NAMI" not in text
    assert "SAMHSA" not in text


def test_a_stranger_gets_404_on_the_circle_view(personas: Personas) -> None:
    response = client_for(personas.dave).get(f"/c/{personas.circle.id}/where-to-get-help/")

    assert response.status_code == 404
    assert "Zephyrine" not in response.content.decode()


def test_the_circle_home_links_to_where_to_get_help(personas: Personas) -> None:
    body = client_for(personas.bob).get(f"/c/{personas.circle.id}/").content.decode()

    assert f'href="/c/{personas.circle.id}/where-to-get-help/"' in body


def demo_client() -> Client:
    call_command("demo", stdout=StringIO())
    client = Client()
    client.post(
        "/accounts/login/", {"username": "demo@porchlight.example", "password": "porchlight-demo"}
    )
    return client


US_ONLY = {e.id for e in load_directory().entries if e.area == ("US",)}


@pytest.mark.parametrize("name", ["Mum", "Theo", "Sam"])  # GB, CA and AU demo circles
def test_the_playbook_outside_the_us_names_no_us_only_group(name: str) -> None:
    client = demo_client()
    circle = Circle.objects.get(name=name)
    response = client.get(f"/c/{circle.id}/understand/")

    shown = dict(response.context["sections"])["Support for you"]
    assert {item.id for item in shown} & US_ONLY == set()
    text = text_of(response)
    for entry in load_directory().entries:
        if entry.id in US_ONLY:
            assert entry.name not in text, entry.name
    assert f'href="/c/{circle.id}/where-to-get-help/"' in response.content.decode()


def test_the_playbook_in_the_us_still_names_us_groups() -> None:
    client = demo_client()
    circle = Circle.objects.get(name="Dan")  # alcohol, United States
    response = client.get(f"/c/{circle.id}/understand/")

    shown = {item.id for item in dict(response.context["sections"])["Support for you"]}
    assert "al_anon" in shown


def test_the_urgent_and_plan_triage_results_link_to_where_to_get_help(
    client: Client, personas: Personas
) -> None:
    urgent = client.post("/help/check/", {"talk_of_dying": "said_clearly", "trend": "worse"})
    plan = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/", {"past_attempt": "happened"}
    )
    calm = client.post("/help/check/", {"overdose_signs": ["cannot_wake"]})

    assert urgent.context["result"].level == "urgent"
    assert 'href="/where-to-get-help/"' in urgent.content.decode()
    assert plan.context["result"].level == "plan"
    assert f'href="/c/{personas.circle.id}/where-to-get-help/"' in plan.content.decode()
    assert calm.context["result"].level == "act_now"
    assert "professional routes, family groups" not in text_of(calm)
