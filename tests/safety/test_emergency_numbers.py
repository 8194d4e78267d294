"""Every country a circle can choose has an emergency number, checked with phonenumbers,
and every act-now or urgent result shows it as a tap-to-call button."""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
import pytest
from django.test import Client
from django_countries.data import COUNTRIES
from phonenumbers import shortnumberinfo

from porchlight.content import crisis_lines as helplines
from porchlight.safety import crisis, emergency
from tests.conftest import Personas, client_for
from tests.factories import CircleFactory, MembershipFactory, UserFactory
from tests.html import text_of

TABLE = emergency.load_emergency_numbers()
DIRECTORY = helplines.load_directory()
#: Regions for which phonenumbers has no emergency numbers at all, so none can be validated.
NOT_IN_LIBRARY = {
    code
    for code in COUNTRIES
    if (meta := phonenumbers.PhoneMetadata.short_metadata_for_region(code)) is None
    or meta.emergency is None
}
#: No public emergency service (uninhabited, research stations) or none published.
NO_SERVICE = {"AQ", "BV", "GS", "HM", "TF", "UM", "PN"}
ALL_NUMBERS = [(code, number) for code, entry in TABLE.items() for number in entry.numbers]


def tels(html: str) -> list[str]:
    return re.findall(r'href="tel:([0-9+]+)"', html)


# --- the table ---------------------------------------------------------------------------


def test_every_country_a_circle_can_choose_has_an_entry() -> None:
    assert set(TABLE) == set(COUNTRIES)
    assert len(TABLE) == 249


@pytest.mark.parametrize(("code", "number"), ALL_NUMBERS, ids=lambda v: getattr(v, "dial", v))
def test_every_number_is_an_emergency_number_for_its_region(
    code: str, number: emergency.EmergencyNumber
) -> None:
    if code in NOT_IN_LIBRARY:
        assert "could not be cross-checked" in (TABLE[code].notes or "")
        return
    assert shortnumberinfo.is_emergency_number(
        number.dial, code
    ) or shortnumberinfo.connects_to_emergency_number(number.dial, code)


def test_only_the_regions_phonenumbers_lacks_go_unchecked() -> None:
    unchecked = {code for code, entry in TABLE.items() if entry.numbers and code in NOT_IN_LIBRARY}
    assert unchecked == {"GN", "GQ", "IO", "TK"}


def test_countries_without_any_number_are_only_those_without_a_public_service() -> None:
    assert {code for code, entry in TABLE.items() if not entry.numbers} == NO_SERVICE
    for code in NO_SERVICE:
        assert TABLE[code].notes


def test_the_shown_number_is_not_phonenumbers_example_number() -> None:
    # phonenumbers' example emergency number for the US is 112 and for Japan 110 (police);
    # a person calling for an ambulance needs 911 and 119.
    assert TABLE["US"].main.dial == "911"
    assert TABLE["JP"].main.dial == "119"
    assert TABLE["JP"].main.services == ("ambulance", "fire")
    assert TABLE["CN"].main.dial == "120"
    assert TABLE["CN"].main.label == "ambulance"


def test_verified_countries_show_their_own_verified_number_first() -> None:
    for code, directory in DIRECTORY.items():
        assert TABLE[code].from_directory
        assert TABLE[code].main.dial == directory.emergency.number, code


def test_every_entry_is_sourced_and_recently_dated() -> None:
    today = dt.date.today()
    for code, entry in TABLE.items():
        assert entry.source.url.startswith("https://"), code
        assert entry.source.kind in {"government", "provider", "secondary"}
        assert today - dt.timedelta(days=365) <= entry.verified_at <= today, code


def test_a_bad_entry_is_refused_with_the_field_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "emergency_numbers.yaml"
    bad.write_text(
        "sources: {x: {title: T, url: 'https://example.org', kind: secondary}}\n"
        "countries:\n  GB: {numbers: [{dial: 999, for: [ambulance]}], source: x,"
        " verified_at: 2026-11-01}\n"
    )
    with pytest.raises(emergency.EmergencyDataError, match=r"countries.GB.numbers\[0\].dial"):
        emergency.load_emergency_numbers(bad)


BAD_SECOND = (
    "sources:\n"
    "  x: {title: T, url: 'https://example.org', kind: secondary}\n"
    "  y: {title: Lists, url: 'https://example.org/y', kind: secondary}\n"
    "  gov: {title: Ministry, url: 'https://example.gov/112', kind: government}\n"
    "countries:\n  GB: {numbers: [{dial: '999', for: [ambulance]}], source: x,"
    " secondary_source: SECOND, verified_at: 2026-11-01}\n"
)


def test_a_secondary_source_is_a_government_or_provider_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.yaml"
    good.write_text(BAD_SECOND.replace("SECOND", "gov"))
    entry = emergency.load_emergency_numbers(good)["GB"]
    assert (entry.source.key, entry.confirmed_by.key) == ("x", "gov")  # type: ignore[union-attr]
    for second, problem in [("y", "government or provider"), ("zz", "another source"),
                            ("x", "another source")]:  # fmt: skip
        bad = tmp_path / f"bad_{second}.yaml"
        bad.write_text(BAD_SECOND.replace("SECOND", second))
        with pytest.raises(emergency.EmergencyDataError, match=problem) as caught:
            emergency.load_emergency_numbers(bad)
        assert str(caught.value).startswith(f"bad_{second}.yaml: countries.GB.secondary_source: ")


def test_mexico_and_the_uk_are_confirmed_by_a_government_page() -> None:
    confirmed = {
        code: entry.confirmed_by.url for code, entry in TABLE.items() if entry.confirmed_by
    }
    assert set(confirmed) == {"GB", "MX"}
    assert all(url.startswith("https://www.gob.mx/") or ".police.uk/" in url
               for url in confirmed.values())  # fmt: skip
    for code in confirmed:
        assert DIRECTORY[code].emergency.secondary_source, code


# --- the helper ---------------------------------------------------------------------------


def test_without_a_country_the_buttons_are_112_and_911() -> None:
    contacts = crisis.contacts_for(request=None, level="act_now")

    assert contacts.needs_country
    assert [button.href for button in contacts.buttons] == ["tel:112", "tel:911"]


def test_act_now_puts_emergency_first_and_urgent_puts_the_crisis_line_first() -> None:
    act_now = crisis.contacts_for(request=None, country="US", level="act_now")
    urgent = crisis.contacts_for(request=None, country="US", level="urgent")

    assert [b.href for b in act_now.buttons] == ["tel:911", "tel:988"]
    assert [b.href for b in urgent.buttons] == ["tel:988", "tel:911"]


def test_services_that_differ_get_their_own_button() -> None:
    japan = crisis.contacts_for(request=None, country="JP", level="act_now")
    france = crisis.contacts_for(request=None, country="FR", level="act_now")

    assert [(b.number, b.label) for b in japan.emergency_buttons] == [
        ("119", "ambulance and fire"),
        ("110", "police"),
    ]
    # 112 reaches every service in France, so 15 / 17 / 18 are not needed as well.
    assert [b.number for b in france.emergency_buttons] == ["112"]


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_help_page_answers_for_every_country(client: Client, code: str) -> None:
    response = client.get(f"/help/{code.lower()}/")

    assert response.status_code == 200
    entry = TABLE[code]
    html = response.content.decode()
    if entry.numbers:
        assert tels(html)[0] == entry.main.dial
        assert f"Call {entry.main.dial}" in text_of(html)
    else:
        assert tels(html)[:2] == ["112", "911"]
    if code not in DIRECTORY:
        assert 'href="https://findahelpline.com/"' in html
        assert "We have not verified crisis lines" in text_of(html)


@pytest.mark.django_db
def test_choosing_a_country_without_verified_lines_is_remembered(client: Client) -> None:
    response = client.get("/help/", {"country": "cn"})

    assert response["Location"] == "/help/cn/"
    assert client.get("/help/")["Location"] == "/help/cn/"


@pytest.mark.django_db
def test_help_picker_says_which_countries_have_verified_lines(client: Client) -> None:
    html = client.get("/help/gb/").content.decode()

    group = html.split('<optgroup label="With verified crisis lines">')[1]
    verified = group.split("</optgroup>")[0]
    assert verified.count("<option") == len(DIRECTORY)
    assert html.count("<option") == len(COUNTRIES) + 1  # and "Choose a country"


@pytest.mark.django_db
def test_act_now_from_the_open_check_without_a_country_offers_112_911_and_a_picker(
    client: Client,
) -> None:
    response = client.post("/help/check/", {"overdose_signs": ["cannot_wake", "blue_lips"]})

    html = response.content.decode()
    assert tels(html)[:2] == ["112", "911"]
    assert 'id="call-now-country"' in html
    assert "Where are you? We'll show your numbers" in text_of(html)


@pytest.mark.django_db
def test_act_now_from_the_open_check_uses_the_remembered_country(client: Client) -> None:
    client.get("/help/ie/")
    response = client.post("/help/check/", {"overdose_signs": ["cannot_wake", "blue_lips"]})

    assert tels(response.content.decode())[0] == "112"
    assert "call-now-country" not in response.content.decode()


@pytest.mark.django_db
def test_act_now_result_in_a_circle_shows_the_emergency_number_first(personas: Personas) -> None:
    # Goodbyes and giving things away add up to act now (triage.yaml).
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/", {"final_acts": ["goodbyes", "giving_away"]}
    )

    html = response.content.decode()
    call_now = html.split('<div class="call-now">')[1].split("</div>")[0]
    assert tels(call_now) == ["911", "988"]


@pytest.mark.django_db
def test_keep_supporting_result_shows_no_call_buttons(client: Client) -> None:
    assert '<div class="call-now">' not in client.post("/help/check/", {}).content.decode()


@pytest.fixture
def chinese_circle(db: None):  # type: ignore[no-untyped-def]
    user = UserFactory(email="mei@example.com", display_name="Mei")
    circle = CircleFactory(name="Lan", created_by=user, country="CN")
    MembershipFactory(circle=circle, user=user, role="owner")
    return user, circle


def test_risk_alert_in_a_country_without_verified_lines_shows_its_emergency_numbers(
    chinese_circle,  # type: ignore[no-untyped-def]
) -> None:
    user, circle = chinese_circle
    response = client_for(user).post(
        f"/c/{circle.id}/journal/new/",
        {
            "kind": "conversation",
            "happened_on": dt.date.today().isoformat(),
            "they_said": "he has taken all his pills and I cannot wake him",
        },
        follow=True,
    )

    html = response.content.decode()
    alert = html.split('class="card card-urgent risk-alert"')[1].split("</section>")[0]
    assert tels(alert) == ["120", "110", "119"]
    assert 'href="https://findahelpline.com/"' in alert


def test_risk_alert_on_the_safety_plan_uses_the_circles_country(personas: Personas) -> None:
    client = client_for(personas.alice)
    response = client.post(
        f"/c/{personas.circle.id}/safety-plan/edit/",
        {"calming": "He says he will kill himself tonight and has a gun"},
        follow=True,
    )

    html = response.content.decode()
    alert = html.split('class="card card-urgent risk-alert"')[1].split("</section>")[0]
    # A threat with a gun is safety-first: emergency and crisis line first, then the DV line.
    assert tels(alert) == ["911", "988", "+18007997233"]


def test_the_coachs_live_feedback_on_risky_words_has_a_tap_to_call(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/talk/",
        {"text": "I can't do this anymore, I just want to disappear forever."},
    )

    feedback = response.content.decode().split('id="feedback"', 1)[1]
    assert tels(feedback.split('<div class="call-now">')[1].split("</div>")[0])[0] in {
        "911",
        "988",
    }


def test_a_check_in_with_thoughts_of_self_harm_has_the_crisis_line_to_tap(
    personas: Personas,
) -> None:
    calm = {
        "stress": "a_little", "sleep": "well", "support": "plenty", "hope": "fairly_hopeful",
        "own_health": "very_well", "life_taken": "some", "self_harm": "several_days",
        "safe_at_home": "safe",
    }  # fmt: skip
    response = client_for(personas.bob).post(f"/c/{personas.circle.id}/you/check-in/", calm)

    call_now = response.content.decode().split('<div class="call-now">')[1].split("</div>")[0]
    assert tels(call_now) == ["988", "911"]
