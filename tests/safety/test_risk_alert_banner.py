"""The act-now banner shared by the journal, coach and plan speaks to whoever is at risk."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string

from porchlight.core.risk_watch import RiskAlert
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

STAY = "Stay with the person if it is safe for you."


@pytest.mark.parametrize(
    ("alert", "says", "never"),
    [
        pytest.param(
            RiskAlert("act_now", ("overdose",), "loved_one"),
            ("someone may be in danger now", STAY),
            ("Your safety comes first",),
            id="loved-one-act-now",
        ),
        pytest.param(
            RiskAlert("act_now", ("violence",), "loved_one"),
            ("Your safety comes first", "get to a safe place, then call", "domestic violence"),
            (STAY,),
            id="violence-act-now",
        ),
        pytest.param(
            RiskAlert("urgent", ("danger_to_writer",), "writer"),
            ("warning signs about safety", "Do not stay near someone who may hurt you"),
            (STAY, "You matter"),
            id="threat-to-the-writer",
        ),
        pytest.param(
            RiskAlert("act_now", ("suicide",), "writer"),
            ("you may be in danger", "You matter", "Ask someone to come and be with you"),
            (STAY, "worried about someone else"),
            id="writer-act-now",
        ),
        pytest.param(
            RiskAlert("urgent", ("suicide", "distress"), "writer"),
            ("you are going through a lot", "They are there for you"),
            (STAY,),
            id="writer-urgent",
        ),
        pytest.param(
            RiskAlert("urgent", ("suicide",), "loved_one"),
            ("warning signs that need help today", "worried about someone else"),
            (STAY,),
            id="loved-one-urgent",
        ),
    ],
)
def test_banner_wording_fits_who_is_at_risk(
    alert: RiskAlert, says: tuple[str, ...], never: tuple[str, ...]
) -> None:
    text = text_of(render_to_string("includes/risk_alert.html", {"alert": alert}))

    for phrase in says:
        assert phrase in text, phrase
    for phrase in never:
        assert phrase not in text, phrase
    assert "Get help now" in text


def _journal_a_threat(personas: Personas) -> HttpResponse:
    """Bob writes in the journal that he was threatened, and sees the next page."""
    return client_for(personas.bob).post(
        f"/c/{personas.circle.id}/journal/new/",
        {
            "kind": "conversation",
            "happened_on": "2026-11-30",
            "they_said": "He said he will kill me if I leave",
        },
        follow=True,
    )


def test_a_threat_written_in_the_journal_gets_the_safety_first_banner(personas: Personas) -> None:
    text = text_of(_journal_a_threat(personas))
    assert "Your safety comes first" in text
    assert STAY not in text


@pytest.mark.parametrize(
    ("country", "says"),
    [
        pytest.param("GB", ("National Domestic Abuse Helpline", "Call 0808 2000 247"), id="gb"),
        pytest.param(
            "CA",
            (
                "Canada has no single national domestic-violence line",
                "VictimLinkBC Only in British Columbia.",
                "Call 911",
            ),
            id="ca-no-national-line",
        ),
        pytest.param(
            "MX",
            ("We could not confirm a national domestic-violence line for Mexico", "Call 911"),
            id="mx-no-line",
        ),
    ],
)
def test_the_safety_first_banner_lists_the_violence_lines_of_the_circles_country(
    personas: Personas, country: str, says: tuple[str, ...]
) -> None:
    personas.circle.country = country
    personas.circle.save(update_fields=["country"])

    text = text_of(_journal_a_threat(personas))
    banner = text[text.index("Your safety comes first") :]
    for phrase in says:
        assert phrase in banner, phrase


def test_the_coachs_safety_first_feedback_lists_the_violence_lines(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/talk/", {"text": "He said he will kill me if I leave"}
    )

    feedback = text_of(response.content.decode().split('id="feedback"', 1)[1])
    banner = feedback[feedback.index("Your safety comes first") :]
    assert "National Domestic Violence Hotline" in banner
    assert STAY not in banner
