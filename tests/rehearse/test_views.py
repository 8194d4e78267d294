"""Playing a rehearsal through the web pages, with and without htmx."""

from __future__ import annotations

import pytest
from django.utils import timezone

from porchlight.coach import services as coach_services
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.progress.services import progress_charts
from porchlight.rehearse import services
from porchlight.rehearse.content import load_content
from porchlight.rehearse.models import RehearsalSession, RehearsalTurn
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def start(personas: Personas, scenario: str = "alcohol_first_time", personality: str = "guarded"):  # type: ignore[no-untyped-def]
    return services.start_session(
        circle=personas.circle,
        by=Actor(personas.bob),
        scenario_id=scenario,
        personality_id=personality,
        seed=4,
    )


def url(session: RehearsalSession, action: str = "") -> str:
    return f"/c/{session.circle_id}/rehearse/{session.id}/" + (f"{action}/" if action else "")


def test_choose_page_lists_every_scenario_and_starts_one(personas: Personas) -> None:
    client = client_for(personas.bob)
    page = client.get(f"/c/{personas.circle.id}/rehearse/")

    text = text_of(page)
    assert text.count("Start this rehearsal") == len(load_content().scenarios)
    assert "It is a simulation, not Zephyrine" in text

    response = client.post(
        f"/c/{personas.circle.id}/rehearse/start/",
        {"scenario": "gambling_bad_night", "personality": "angry"},
    )
    session = RehearsalSession.objects.get(author=personas.bob)
    assert response["Location"] == url(session)
    assert (session.scenario, session.personality, session.private) == (
        "gambling_bad_night", "angry", True,
    )  # fmt: skip


def test_start_refuses_a_personality_the_scenario_does_not_have(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/rehearse/start/",
        {"scenario": "depression_im_fine", "personality": "angry"},
    )

    assert response.status_code == 400
    assert (
        'For this scenario, choose one of: hopeless, guarded, joking and deflecting, "yes, but".'
        in (text_of(response))
    )
    assert not RehearsalSession.objects.exists()


def test_a_turn_without_javascript_posts_and_redirects(personas: Personas) -> None:
    session = start(personas)
    client = client_for(personas.bob)

    response = client.post(url(session, "turn"), {"text": "You sound exhausted."})
    page = client.get(url(session))

    assert response["Location"] == url(session)
    text = text_of(page)
    assert "You said \u201cYou sound exhausted.\u201d" in text
    turn = RehearsalTurn.objects.get(session=session)
    # A reflection; how deep it goes is the reflection grader's call (tested on its own).
    shown = {"complex_reflection": "Complex reflection", "reflection": "Simple reflection"}
    assert (turn.number, turn.text) == (1, "You sound exhausted.")
    assert f"Coach {shown[turn.move]}." in text
    assert "How they feel: Guard up" in text


def test_a_turn_with_htmx_returns_the_exchange_only(personas: Personas) -> None:
    session = start(personas)

    response = client_for(personas.bob).post(
        url(session, "turn"), {"text": "What's been the hardest part for you?"}, **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="rehearsal">')
    assert "Coach Open question." in text_of(response)
    assert "<h1>" not in body


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type what you would say to them, even a few words."),
        ("   ", "Type what you would say to them, even a few words."),
        ("x" * 2001, "That is a lot to say at once. Try a sentence or two (at most 2000 "
                     "characters; you wrote 2001)."),
        ("x" * 20_000, "That is a lot to say at once. Try a sentence or two (at most 2000 "
                       "characters; you wrote 20000)."),
    ],
)  # fmt: skip
def test_empty_or_very_long_turns_get_a_clear_message(
    personas: Personas, text: str, message: str
) -> None:
    session = start(personas)

    response = client_for(personas.bob).post(url(session, "turn"), {"text": text})

    assert response.status_code == 400
    assert message in text_of(response)
    assert not RehearsalTurn.objects.exists()


def test_bad_input_with_htmx_comes_back_in_the_exchange_with_the_message(
    personas: Personas,
) -> None:
    session = start(personas)

    response = client_for(personas.bob).post(url(session, "turn"), {"text": "x" * 20_000}, **HTMX)

    assert "<html" not in response.content.decode()
    assert "you wrote 20000" in text_of(response)
    assert not RehearsalTurn.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "\u6211\u5f88\u62c5\u5fc3\u4f60\uff0c\u6211\u4eec\u53ef\u4ee5\u8c08\u8c08\u5417",
        "\u0623\u0646\u0627 \u0642\u0644\u0642 "
        "\u0639\u0644\u064a\u0643 \u0643\u062b\u064a\u0631\u0627",
        "Ich mache mir Sorgen um dich, k\u00f6nnen wir reden?",
    ],
)
def test_other_languages_get_an_in_character_question_on_the_page(
    personas: Personas, text: str
) -> None:
    session = start(personas)
    client = client_for(personas.bob)

    client.post(url(session, "turn"), {"text": text})
    page = text_of(client.get(url(session)))

    turn = RehearsalTurn.objects.get(session=session)
    assert turn.reply in load_content().personalities["guarded"].unclear
    assert text in page
    assert turn.reply in page
    assert turn.note in page


def test_html_is_shown_as_text_and_answered(personas: Personas) -> None:
    session = start(personas)
    client = client_for(personas.bob)

    client.post(url(session, "turn"), {"text": "<script>alert(1)</script> <b>hi</b>"})
    page = client.get(url(session))

    assert "<script>alert(1)</script>" not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()
    assert RehearsalTurn.objects.get(session=session).reply != ""


def test_another_language_gets_an_in_character_question(personas: Personas) -> None:
    session = start(personas)
    client = client_for(personas.bob)

    client.post(
        url(session, "turn"),
        {"text": "Hola, quiero hablar contigo sobre lo que pasó anoche con la bebida."},
    )

    turn = RehearsalTurn.objects.get(session=session)
    assert turn.reply in load_content().personalities["guarded"].unclear
    assert "does not look like English" in turn.note


def test_risk_words_show_the_act_now_path_and_are_recorded(personas: Personas) -> None:
    session = start(personas)

    response = client_for(personas.bob).post(
        url(session, "turn"), {"text": "He said he is going to kill himself tonight."}, **HTMX
    )

    text = text_of(response)
    assert "<html" not in response.content.decode()  # the turn's fragment, without the header
    alert = text[text.index("What you wrote sounds like someone may be in danger now") :]
    assert "Get help now" in alert
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "rehearse"


def test_rewind_takes_back_the_last_turn(personas: Personas) -> None:
    session = start(personas)
    client = client_for(personas.bob)
    client.post(url(session, "turn"), {"text": "You sound exhausted."})
    before = RehearsalSession.objects.get(pk=session.pk).state
    client.post(url(session, "turn"), {"text": "You have to stop drinking."})

    response = client.post(url(session, "rewind"))

    session.refresh_from_db()
    assert response["Location"] == url(session)
    assert list(session.turns.values_list("number", flat=True)) == [1]
    assert session.state == before
    assert session.rewinds == 1


def test_finish_shows_the_summary_with_reference_lines(personas: Personas) -> None:
    session = start(personas)
    client = client_for(personas.bob)
    for text in ("You sound exhausted.", "What's been the hardest part for you?",
                 "You have to stop drinking."):  # fmt: skip
        client.post(url(session, "turn"), {"text": text})

    client.post(url(session, "finish"))
    text = text_of(client.get(url(session)))

    assert "Reflections to questions 1 to 1 reference: 1 to 1 fair, 2 to 1 good" in text
    assert "Reflections that go beyond their words 100% reference: 40% fair, 50% good" in text
    assert "Roadblocks 1" in text
    assert "One thing to try next time Fewer roadblocks (ordering came up most)." in text
    assert "safety steps" not in text


def test_a_suicide_related_scenario_ends_with_the_safety_steps(personas: Personas) -> None:
    session = start(personas, "depression_im_fine", "hopeless")
    client = client_for(personas.bob)
    client.post(url(session, "turn"), {"text": "You sound exhausted."})

    client.post(url(session, "finish"))
    text = text_of(client.get(url(session)))

    assert "If they ever talk about suicide: the safety steps" in text
    assert 'Ask calmly and directly, "Are you thinking about suicide?"' in text
    assert text.count("Get help now") >= 2


def test_a_private_session_is_hidden_from_other_supporters_until_shared(
    personas: Personas,
) -> None:
    session = start(personas)
    alice = client_for(personas.alice)

    assert alice.get(url(session)).status_code == 404
    assert alice.post(url(session, "turn"), {"text": "Hi."}).status_code == 404

    client_for(personas.bob).post(url(session, "share"), {"private": ""})

    page = alice.get(url(session))
    assert page.status_code == 200
    assert "Say it" not in text_of(page)  # others may read it, not play it
    assert alice.post(url(session, "turn"), {"text": "Hi."}).status_code == 403


def test_a_plan_offers_rehearse_this_and_seeds_the_opening(personas: Personas) -> None:
    plan = coach_services.save_plan(
        circle=personas.circle,
        by=Actor(personas.bob),
        data={"goal": "Ask about the drinking gently.", "moment": ["calm"],
              "opening": "I love you and I've been worried.", "listen_for": "Any worry of hers",
              "if_no": "Okay.", "closing": "Thank you."},
    ).plan  # fmt: skip
    client = client_for(personas.bob)
    plan_page = client.get(f"/c/{personas.circle.id}/talk/plans/{plan.id}/")
    assert f'href="/c/{personas.circle.id}/rehearse/?plan={plan.id}"' in plan_page.content.decode()

    choose = client.get(f"/c/{personas.circle.id}/rehearse/?plan={plan.id}")
    assert "How I'll open: \u201cI love you and I've been worried.\u201d" in text_of(choose)
    client.post(
        f"/c/{personas.circle.id}/rehearse/start/",
        {"scenario": "alcohol_first_time", "personality": "joking", "plan": str(plan.id)},
    )
    session = RehearsalSession.objects.get(author=personas.bob)
    page = client.get(url(session))

    assert session.plan == plan
    assert "What you hope for: Ask about the drinking gently." in text_of(page)
    assert ">I love you and I&#x27;ve been worried.</textarea>" in page.content.decode()


def test_another_circles_plan_is_not_found(personas: Personas) -> None:
    theirs = coach_services.save_plan(
        circle=personas.dave_circle,
        by=Actor(personas.dave),
        data={"goal": "Dave's goal.", "moment": ["calm"], "opening": "Dave's opening.",
              "if_no": "Okay.", "closing": "Thanks."},
    ).plan  # fmt: skip
    client = client_for(personas.bob)
    base = f"/c/{personas.circle.id}/rehearse/"

    assert client.get(f"{base}?plan={theirs.id}").status_code == 404
    assert client.get(f"{base}?plan=not-a-plan").status_code == 404
    started = client.post(
        f"{base}start/",
        {"scenario": "alcohol_first_time", "personality": "guarded", "plan": str(theirs.id)},
    )
    assert started.status_code == 404
    assert not RehearsalSession.objects.filter(author=personas.bob).exists()
    assert client.get(base).status_code == 200


def test_the_progress_page_shows_the_rehearsal_trend(personas: Personas) -> None:
    session = start(personas)
    for text in ("You sound exhausted.", "How do you see it?", "You have to stop drinking."):
        services.play_turn(session=session, by=Actor(personas.bob), text=text)

    page = text_of(client_for(personas.bob).get(f"/c/{personas.circle.id}/progress/"))

    chart = page[page.index("Your rehearsals") : page.index("Stage of change")]
    week = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    assert "What you said in practice conversations each week" in chart
    assert "Week of Reflections Open questions Roadblocks" in chart
    assert f"{week:%d %b} 1 1 1" in chart  # one of each, this week


def test_progress_shows_your_own_rehearsal_trend(personas: Personas) -> None:
    session = start(personas)
    for text in ("You sound exhausted.", "How do you see it?", "You have to stop drinking."):
        services.play_turn(session=session, by=Actor(personas.bob), text=text)
    other = services.start_session(
        circle=personas.circle, by=Actor(personas.alice), scenario_id="alcohol_first_time",
        personality_id="guarded", seed=1,
    )  # fmt: skip
    services.play_turn(session=other, by=Actor(personas.alice), text="You have to stop.")

    charts = {c.title: c for c in progress_charts(personas.membership(personas.bob))}

    assert charts["Your rehearsals"].rows[-1] == (
        f"{timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday()):%d %b}",
        (1.0, 1.0, 1.0),
    )


def test_scenarios_about_the_circles_concerns_come_first(personas: Personas) -> None:
    personas.circle.concerns = ["gambling"]
    personas.circle.save()

    found = services.scenarios_for(personas.circle)

    assert [s.concern.id for s in found[:3]] == ["gambling"] * 3
    assert found[3].id == "alcohol_first_time"
    assert len(found) == len(load_content().scenarios)
