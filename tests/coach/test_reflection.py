"""The planner's "What might they say?": the answer graded as `porchlight reflect` grades it."""

from __future__ import annotations

import io
import json

from porchlight.coach import reflection
from porchlight.coach.models import ConversationPlan
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.language import cli
from tests.conftest import Personas, client_for
from tests.html import text_of
from tests.lookup import one
from tests.readability import fk_grade

THEY_SAY = "I don't have a problem. Stop going on about it."
COMPLEX = "It feels like I'm judging you, and you're tired of being watched."
ROADBLOCK = "You should get help before it gets worse."
PLAN = {
    "goal": "Tell him I'm worried, and listen.",
    "opening": "I've noticed you seem tired lately, and I care about you.",
    "their_words": THEY_SAY,
    "if_no": COMPLEX,
    "closing": "Thanks for hearing me out.",
}


def plans(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/talk/plans/{suffix}"


def cli_quality(prompt: str, reply: str) -> int:
    out = io.StringIO()
    line = json.dumps({"id": "x", "prompt": prompt, "reply": reply}) + "\n"
    cli.reflect([], stdin=io.StringIO(line), stdout=out)
    return int(json.loads(out.getvalue())["quality"])


def test_a_complex_reflection_is_shown_as_complex_after_saving(personas: Personas) -> None:
    response = client_for(personas.bob).post(plans(personas, "new/"), PLAN, follow=True)

    plan = one(ConversationPlan.objects.all(), goal=PLAN["goal"])
    assert plan.their_words == THEY_SAY
    text = text_of(response)
    assert "A complex reflection: it names the feeling under the words" in text
    assert "Motivational Interviewing" in text


def test_a_roadblock_answer_is_not_a_reflection_with_what_would_make_it_complex(
    personas: Personas,
) -> None:
    response = client_for(personas.bob).post(
        plans(personas, "new/"), {**PLAN, "if_no": ROADBLOCK}, follow=True
    )

    text = text_of(response)
    assert "Not a reflection yet" in text
    assert "What makes it a complex reflection:" in text
    assert "Guess the feeling under the words." in text


def test_the_page_grade_is_the_grade_of_porchlight_reflect(personas: Personas) -> None:
    names = {2: "A complex reflection", 1: "A simple reflection", 0: "Not a reflection yet"}
    client = client_for(personas.bob)
    for reply in (COMPLEX, "You don't think you have a problem.", ROADBLOCK):
        quality = cli_quality(THEY_SAY, reply)
        graded = reflection.grade_answer(they_say=THEY_SAY, reply=reply)

        page = client.post(
            plans(personas, "new/"), {**PLAN, "if_no": reply}, HTTP_HX_REQUEST="true"
        )

        assert graded is not None
        assert graded.quality == quality
        assert names[quality] in text_of(page)


def test_the_live_grade_with_htmx_saves_nothing(personas: Personas) -> None:
    before = ConversationPlan.objects.count()
    page = client_for(personas.bob).post(
        plans(personas, "new/"), {**PLAN, "if_no": ROADBLOCK}, HTTP_HX_REQUEST="true"
    )

    assert page.status_code == 200
    assert "Not a reflection yet" in text_of(page)
    assert ConversationPlan.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditAction.CONVERSATION_PLAN_SAVED).exists()


def test_without_their_words_no_grade_is_shown(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        plans(personas, "new/"), {**PLAN, "their_words": ""}, follow=True
    )

    assert "Your conversation plan is saved." in text_of(response)
    assert "Not a reflection yet" not in text_of(response)


def test_risky_words_in_what_they_might_say_are_flagged_on_save(personas: Personas) -> None:
    client_for(personas.bob).post(
        plans(personas, "new/"),
        {**PLAN, "their_words": "You'd all be better off without me."},
    )

    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "coach"
    assert "better off" not in str(event.details)


def test_the_reflection_tips_read_at_about_grade_eight() -> None:
    tips = reflection.load_tips()
    texts = [*tips.tips, *(g.tip for g in tips.grades.values())]

    assert fk_grade(texts) <= 8.5
