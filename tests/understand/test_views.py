from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from porchlight.circles.models import Circle
from porchlight.understand.models import BarrierAnswers, StageRecord
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def overview(circle_id: object) -> str:
    return f"/c/{circle_id}/understand/"


def answer_the_questions(personas: Personas) -> None:
    """Alice says Zephyrine denies there is a problem: the map has one barrier."""
    client_for(personas.alice).post(
        f"/c/{personas.circle.id}/understand/questions/", {"sees_problem": "denies_completely"}
    )


def test_empty_state_invites_the_questions(personas: Personas) -> None:
    text = text_of(client_for(personas.bob).get(overview(personas.circle.id)))

    assert "Refusing help is rarely just stubbornness." in text
    assert "Answer the questions" in text


def test_answers_give_a_map_with_reasons_a_stage_and_a_playbook(personas: Personas) -> None:
    client = client_for(personas.bob)

    response = client.post(
        f"/c/{personas.circle.id}/understand/questions/",
        {
            "says_when_help": "no_problem",
            "sees_problem": "denies_completely",
            "change_talk": "never",
        },
        follow=True,
    )

    text = text_of(response)
    assert [barrier.id for barrier, _ in response.context["barriers"]] == ["poor_insight"]
    assert "The barrier map Not seeing the problem strongest" in text
    assert "Why we think so Because you said they say everything is fine" in text
    assert "Stage of change: Not thinking about change yet" in text
    assert "Because “Not seeing the problem” is the top barrier on your map." in text
    assert "Read: why this helps" in text
    estimate = StageRecord.objects.get(circle=personas.circle, source="estimate")
    assert estimate.stage == "precontemplation"


def test_the_supporter_can_adjust_the_map(personas: Personas) -> None:
    answer_the_questions(personas)
    client = client_for(personas.bob)
    url = f"/c/{personas.circle.id}/understand/adjust/"

    bad = client.post(url, {"barriers": ["shame"], "top": "fear"})
    assert bad.context["form"].errors["top"] == ["Choose one of the barriers you ticked."]
    client.post(url, {"barriers": ["shame", "fear"], "top": "fear"})

    assert BarrierAnswers.objects.get(circle=personas.circle).adjusted_barriers == ["fear", "shame"]
    assert "You chose these, most important first:" in text_of(
        client.get(overview(personas.circle.id))
    )
    client.post(url, {"reset": "1"})
    assert BarrierAnswers.objects.get(circle=personas.circle).adjusted_barriers is None


def test_stage_updates_keep_their_history(personas: Personas) -> None:
    answer_the_questions(personas)
    client = client_for(personas.bob)

    client.post(f"/c/{personas.circle.id}/understand/stage/", {"stage": "contemplation"})
    client.post(f"/c/{personas.circle.id}/understand/stage/", {"stage": "action", "relapse": "on"})

    records = list(
        StageRecord.objects.filter(circle=personas.circle).values_list("stage", "source")
    )
    assert records == [
        ("action", "supporter"),
        ("contemplation", "supporter"),
        ("precontemplation", "estimate"),
    ]
    text = text_of(client.get(overview(personas.circle.id)))
    assert "Chosen by you." in text
    assert "Stage history" in text


def test_the_four_demo_circles_get_different_sensible_maps() -> None:
    call_command("demo", stdout=StringIO())
    client = Client()
    client.post(
        "/accounts/login/", {"username": "demo@porchlight.example", "password": "porchlight-demo"}
    )
    pages = {
        circle.name: client.get(overview(circle.id)).context
        for circle in Circle.objects.filter(name__in=["Dan", "Mum", "Theo", "Sam"])
    }

    top = {name: [b.id for b, _ in ctx["barriers"][:2]] for name, ctx in pages.items()}
    assert top["Dan"][0] == "poor_insight"
    assert top["Mum"] == ["control", "fear"]
    assert top["Theo"][0] == "hopelessness"
    assert set(top["Sam"]) == {"fear", "mistrust"}
    groups = {
        name: {item.id for item in ctx["understanding"].playbook.support_groups}
        for name, ctx in pages.items()
    }
    assert len({frozenset(g) for g in groups.values()}) == 4
    assert {item.id for item in pages["Sam"]["understanding"].playbook.patterns}
    assert not pages["Dan"]["understanding"].playbook.patterns


def test_the_learn_library_is_public_and_searchable(client: Client) -> None:
    listing = text_of(client.get("/learn/"))
    assert "CRAFT: Community Reinforcement and Family Training" in listing

    found = client.get("/learn/", {"q": "hoarding"}).context["articles"]
    assert "hoarding" in [a.slug for a in found]
    article = text_of(client.get("/learn/craft/"))
    assert "Sources" in article
    assert "Miller WR, Meyers RJ, Tonigan JS" in article
    assert client.get("/learn/nope/").status_code == 404
