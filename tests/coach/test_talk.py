from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from porchlight.coach.feedback import for_display
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.models import AuditAction, AuditEvent
from tests.conftest import Personas, client_for
from tests.html import text_of
from tests.lookup import one

pytestmark = pytest.mark.django_db

HARSH = "You have to quit the pills before you lose your job, it's pathetic."


def talk(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/talk/{suffix}"


def test_feedback_without_javascript_names_the_roadblocks_and_offers_rewrites(
    personas: Personas,
) -> None:
    response = client_for(personas.bob).post(talk(personas), {"text": HARSH})

    text = text_of(response)
    assert "Roadblock" in text
    assert "Ordering" in text
    assert "How it may land:" in text
    assert "Ways to say it that keep your meaning:" in text
    assert "Positive communication check (CRAFT)" in text
    assert f"“{HARSH}”" in text


def test_htmx_feedback_returns_only_the_feedback_fragment(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        talk(personas), {"text": "How do you see it?"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert html.strip().startswith('<section id="feedback"')
    assert "<html" not in html
    assert "open question" in text_of(html)
    assert "No roadblocks found." in text_of(html)


def test_empty_text_is_explained(personas: Personas) -> None:
    response = client_for(personas.bob).post(talk(personas), {"text": "   "})

    assert "Write a sentence or two to get feedback." in text_of(response)


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "😊🙏",
        "Ich mache mir Sorgen um dich.",
        "<script>alert(1)</script> you never listen",
        "word " * 3999,
    ],
)
def test_odd_input_gets_an_answer_and_nothing_unescaped(personas: Personas, text: str) -> None:
    response = client_for(personas.bob).post(talk(personas), {"text": text})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_long_text_is_refused_with_a_clear_message(personas: Personas) -> None:
    response = client_for(personas.bob).post(talk(personas), {"text": "a" * 20_001})

    assert "Ensure this value has at most 20000 characters" in text_of(response)


def test_risk_language_in_a_message_shows_the_act_now_path(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        talk(personas), {"text": "I can't do this anymore, I just want to disappear forever."}
    )

    assert "Get help now" in text_of(response.content.decode().split('id="feedback"', 1)[1])


def test_save_a_message_then_say_how_it_went(personas: Personas) -> None:
    client = client_for(personas.bob)

    response = client.post(talk(personas, "save/"), {"text": HARSH}, follow=True)

    message = one(CoachedMessage.objects.all(), text=HARSH)
    saved = {r["name"] for r in message.feedback["sentences"][0]["roadblocks"]}
    assert {"ordering", "threatening", "moralizing"} <= saved
    assert "Saved. After you have the talk" in text_of(response)
    client.post(
        talk(personas, f"saved/{message.id}/outcome/"),
        {"outcome": "escalated", "note": "He walked out."},
    )
    message.refresh_from_db()
    assert (message.outcome, message.outcome_note) == ("escalated", "He walked out.")
    assert "It turned into a fight : He walked out." in text_of(
        client.get(talk(personas, "saved/"))
    )


def test_saving_risky_words_is_audited_without_the_text(personas: Personas) -> None:
    client_for(personas.bob).post(
        talk(personas, "save/"), {"text": "he said he wants to die and gave away his guitar"}
    )

    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "coach"
    assert "guitar" not in str(event.details)


def test_plan_a_conversation_and_print_the_card(personas: Personas) -> None:
    client = client_for(personas.bob)
    data = {
        "goal": "Tell him I'm worried, and listen.",
        "moment": ["calm", "sober", "private"],
        "moment_note": "Sunday morning walk.",
        "opening": "I've noticed you seem tired lately, and I care about you. How are things?",
        "listen_for": "Any wish for things to be different.",
        "if_no": "That's okay. I'm here when you're ready.",
        "closing": "Thanks for hearing me out.",
    }

    response = client.post(talk(personas, "plans/new/"), data, follow=True)

    plan = one(ConversationPlan.objects.all(), goal=data["goal"])
    assert plan.moment == ["calm", "sober", "private"]
    text = text_of(response)
    assert "Your conversation plan is saved." in text
    assert "They are sober, not drunk, high or hungover" in text
    card = client.get(talk(personas, f"plans/{plan.id}/card.pdf"))
    assert card["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(card.content))
    assert len(reader.pages) == 1
    pdf_text = " ".join(reader.pages[0].extract_text().split())
    assert "Talking with Zephyrine" in pdf_text
    assert "Sunday morning walk." in pdf_text
    assert "If anyone is in danger, call 911." in pdf_text


def test_a_plan_with_missing_parts_keeps_what_was_written_and_checks_the_opening(
    personas: Personas,
) -> None:
    response = client_for(personas.bob).post(
        talk(personas, "plans/new/"),
        {"goal": "", "opening": "You always ruin everything.", "if_no": "", "closing": ""},
    )

    errors = response.context["form"].errors
    assert errors["goal"] == ["This field is required."]
    text = text_of(response)
    assert "The coach on your opening" in text
    assert "Generalizing" in text
    assert "You always ruin everything.</textarea>" in response.content.decode()


PLAN = {
    "goal": "Tell him I'm worried, and listen.",
    "opening": "I've noticed you seem tired lately, and I care about you.",
    "if_no": "That's okay. I'm here when you're ready.",
    "closing": "Thanks for hearing me out.",
}


def test_only_its_author_can_edit_a_conversation_plan(personas: Personas) -> None:
    client_for(personas.bob).post(talk(personas, "plans/new/"), PLAN)
    plan = one(ConversationPlan.objects.all(), goal=PLAN["goal"])
    owner = client_for(personas.alice)

    page = owner.get(talk(personas, f"plans/{plan.id}/"))
    attempt = owner.post(talk(personas, f"plans/{plan.id}/edit/"), {**PLAN, "goal": "Win."})

    assert "Written by Bob. Only Bob can edit this." in text_of(page)
    assert f"plans/{plan.id}/edit/" not in page.content.decode()
    assert attempt.status_code == 403
    plan.refresh_from_db()
    assert plan.goal == PLAN["goal"]
    own_page = client_for(personas.bob).get(talk(personas, f"plans/{plan.id}/"))
    assert "This plan is yours. Only you can edit it." in text_of(own_page)
    assert f"plans/{plan.id}/edit/" in own_page.content.decode()


def test_saving_a_conversation_plan_writes_an_audit_row_without_its_text(
    personas: Personas,
) -> None:
    client = client_for(personas.bob)
    client.post(talk(personas, "plans/new/"), PLAN)
    plan = one(ConversationPlan.objects.all(), goal=PLAN["goal"])

    client.post(talk(personas, f"plans/{plan.id}/edit/"), {**PLAN, "closing": "Thank you."})

    events = AuditEvent.objects.filter(action=AuditAction.CONVERSATION_PLAN_SAVED).order_by("id")
    assert [(e.actor, e.circle_id, e.details) for e in events] == [
        (personas.bob, personas.circle.id, {"plan": str(plan.id), "created": True}),
        (personas.bob, personas.circle.id, {"plan": str(plan.id), "created": False}),
    ]


def test_roadblock_and_label_names_are_the_titles_in_the_coach_content() -> None:
    shown = for_display(
        {
            "sentences": [
                {
                    "behaviour": "question",
                    "labels": ["open_question", "autonomy"],
                    "roadblocks": [{"name": "threatening"}, {"name": "advising"}],
                }
            ]
        }
    )["sentences"][0]

    assert shown["label_names"] == ["open question", "supporting autonomy"]
    assert [block["title"] for block in shown["roadblock_list"]] == [
        "Threatening or warning",
        "Advising without being asked",
    ]
