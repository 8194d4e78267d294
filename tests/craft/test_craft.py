from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porchlight.accounts.models import User
from porchlight.circles.models import Circle
from porchlight.coach.models import ConversationPlan
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.craft import services
from porchlight.craft.models import CraftComment, CraftPlan, CraftPlanVersion, InvitationStep
from porchlight.demo.loader import load_demo
from porchlight.journal import services as journal_services
from porchlight.journal.models import JournalEntry
from porchlight.safety import personal_safety
from porchlight.understand.services import save_answers
from tests.conftest import Personas, client_for, pdf_text
from tests.html import text_of

pytestmark = pytest.mark.django_db

PATTERN = {
    "behaviour": "Drinking after work on weekdays",
    "trigger_times": "Fridays after payday",
    "what_they_get": "It helps him stop thinking about work",
    "what_it_costs": "He sleeps badly and misses mornings with the kids",
}
INVITATION = {
    "their_reasons": "He said he wants to sleep better",
    "good_moments": ["sober_calm", "voices_wish"],
    "who_asks": "Me, on a walk",
    "exact_words": "You must stop drinking or else I'm leaving.",
    "if_no": "OK. The offer stands.",
    "if_yes": "We call the clinic together that afternoon.",
}


def url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/craft/{suffix}"


def feel_safe(personas: Personas, user, afraid: bool = False) -> None:  # type: ignore[no-untyped-def]
    personal_safety.record_answer(membership=personas.membership(user), afraid=afraid)


def option(**overrides: str) -> dict[str, str]:
    return {
        "kind": "family_doctor",
        "name": "Dr Okafor at the health centre",
        "how_to_get_in": "Ring 555 0100 at 8am",
        "cost": "Free",
        "wait": "About a week",
        "checked_by": "Alice",
        "checked_on": timezone.localdate().isoformat(),
        **overrides,
    }


def options_post(*rows: dict[str, str]) -> dict[str, str]:
    data = {
        "option-TOTAL_FORMS": "3",
        "option-INITIAL_FORMS": "0",
        "option-MIN_NUM_FORMS": "3",
        "option-MAX_NUM_FORMS": "3",
    }
    for n, row in enumerate(rows):
        data.update({f"option-{n}-{key}": value for key, value in row.items()})
    return data


def test_map_the_pattern_saves_a_version_and_shows_it(personas: Personas) -> None:
    client = client_for(personas.bob)

    response = client.post(url(personas, "pattern/"), PATTERN, follow=True)

    version = CraftPlanVersion.objects.get(plan__circle=personas.circle)
    assert version.parts == {"pattern": PATTERN}
    assert (version.number, version.changed, version.created_by) == (1, "pattern", personas.bob)
    text = text_of(response)
    assert "Saved as version 1." in text
    assert "Fridays after payday" in text
    events = AuditEvent.objects.filter(action=AuditAction.CRAFT_PLAN_SAVED)
    assert [e.details for e in events] == [{"version": 1, "part": "pattern"}]


def test_saving_the_same_answers_again_makes_no_version(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "pattern/"), PATTERN)

    response = client.post(url(personas, "pattern/"), PATTERN, follow=True)

    assert CraftPlanVersion.objects.count() == 1
    assert "Nothing had changed, so no new version was made." in text_of(response)


def test_reward_worksheet_first_asks_if_it_is_safe(personas: Personas) -> None:
    text = text_of(client_for(personas.bob).get(url(personas, "rewards/")))

    assert "First, is it safe for you?" in text
    assert "What will you stop doing when the behaviour happens?" not in text


def test_reward_worksheet_puts_safety_first_when_afraid(personas: Personas) -> None:
    feel_safe(personas, personas.bob, afraid=True)

    response = client_for(personas.bob).post(url(personas, "rewards/"), {"what_i_stop": "x"})

    text = text_of(response)
    assert "Your safety first" in text
    assert "What will you let happen, without rescuing them?" not in text
    assert CraftPlanVersion.objects.count() == 0


def test_reward_worksheet_opens_once_safe(personas: Personas) -> None:
    feel_safe(personas, personas.bob)

    client_for(personas.bob).post(url(personas, "rewards/"), {"what_i_stop": "Leave the room"})

    assert services.current_parts(personas.circle) == {"rewards": {"what_i_stop": "Leave the room"}}


def test_coach_flags_a_roadblock_in_the_exact_words(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "invitation/"), INVITATION)

    text = text_of(client.get(url(personas)))

    assert "The coach on your words" in text
    assert "Threatening" in text
    assert "Sober and calm" in text.title() or "When they are sober and calm" in text


def test_an_option_older_than_its_window_is_marked_stale(personas: Personas) -> None:
    old = (timezone.localdate() - dt.timedelta(days=91)).isoformat()
    recent = (timezone.localdate() - dt.timedelta(days=90)).isoformat()
    client = client_for(personas.bob)

    client.post(
        url(personas, "options/"),
        options_post(option(name="Old clinic", checked_on=old), option(checked_on=recent)),
    )

    text = text_of(client.get(url(personas)))
    assert text.count("Check again: details change.") == 1
    old_card = text[text.index("Old clinic") : text.index("Dr Okafor")]
    assert "Check again" in old_card


def test_outcomes_show_on_progress_in_order(personas: Personas) -> None:
    client = client_for(personas.bob)
    today = timezone.localdate()
    client.post(url(personas, "outcomes/"), {"step": "said_no", "happened_on": "2026-10-01"})
    client.post(url(personas, "outcomes/"), {"step": "asked", "happened_on": "2026-10-01"})
    client.post(url(personas, "outcomes/"), {"step": "said_yes", "happened_on": today})

    text = text_of(client.get(f"/c/{personas.circle.id}/progress/"))

    assert "The invitation to treatment" in text
    section = text[text.index("The invitation to treatment") :]
    assert section.index("Asked 1 Oct 2026") < section.index("Said no 1 Oct 2026")
    assert section.index("Said no") < section.index("Said yes")


def test_an_outcome_in_the_future_is_refused(personas: Personas) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client_for(personas.bob).post(
        url(personas, "outcomes/"), {"step": "asked", "happened_on": tomorrow}
    )

    assert "Choose today or an earlier day." in text_of(response)
    assert InvitationStep.objects.count() == 0


def test_professional_reads_and_comments_only_once_shared(personas: Personas) -> None:
    client_for(personas.bob).post(url(personas, "pattern/"), PATTERN)
    carol = client_for(personas.carol)

    assert "hasn't been shared with you yet" in text_of(carol.get(url(personas)))
    assert carol.post(url(personas, "comment/"), {"text": "Hello"}).status_code == 404

    client_for(personas.alice).post(url(personas, "share/"), {"shared": "yes"})
    text = text_of(carol.get(url(personas)))
    carol.post(url(personas, "comment/"), {"text": "Try the Tuesday group."})

    assert "Fridays after payday" in text
    assert "Change “Map the pattern”" not in text
    assert [c.text for c in CraftComment.objects.all()] == ["Try the Tuesday group."]
    assert carol.post(url(personas, "pattern/"), PATTERN).status_code == 403


def test_history_names_who_saved_each_version(personas: Personas) -> None:
    client_for(personas.bob).post(url(personas, "pattern/"), PATTERN)
    client_for(personas.alice).post(url(personas, "invitation/"), INVITATION)

    text = text_of(client_for(personas.alice).get(url(personas, "versions/")))

    assert "Version 2" in text
    assert "changed “The invitation”" in text
    assert "changed “Map the pattern”" in text


def test_the_card_prints_the_plan_on_one_page(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "pattern/"), PATTERN)
    client.post(url(personas, "invitation/"), INVITATION)
    client.post(url(personas, "options/"), options_post(option(), option(name="SMART Family")))

    response = client.get(url(personas, "invitation-plan.pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "We call the clinic together that afternoon." in text
    assert "SMART Family" in text
    from io import BytesIO  # noqa: PLC0415  only this test reads pages

    from pypdf import PdfReader  # noqa: PLC0415  only this test reads pages

    assert len(PdfReader(BytesIO(response.content)).pages) == 1
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED).count() == 1


def test_share_is_for_the_owner_only(personas: Personas) -> None:
    bob = Actor(personas.bob)
    services.save_part(circle=personas.circle, by=bob, part="pattern", value=PATTERN)

    response = client_for(personas.bob).post(url(personas, "share/"), {"shared": "yes"})

    assert response.status_code == 403
    assert CraftPlan.objects.get().shared_with_professionals is False


def test_rehearse_this_opens_the_rehearsal_with_the_plans_words(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "invitation/"), INVITATION)

    response = client.post(url(personas, "rehearse/"), follow=True)
    client.post(url(personas, "rehearse/"))

    plan = ConversationPlan.objects.get(circle=personas.circle, author=personas.bob)
    assert response.redirect_chain[-1][0] == (f"/c/{personas.circle.id}/rehearse/?plan={plan.id}")
    assert plan.opening == INVITATION["exact_words"]
    assert plan.if_no == INVITATION["if_no"]
    assert INVITATION["exact_words"] in text_of(response)


def test_rehearse_this_without_words_asks_for_them_first(personas: Personas) -> None:
    response = client_for(personas.bob).post(url(personas, "rehearse/"), follow=True)

    assert "Write the words you will use first." in text_of(response)
    assert not ConversationPlan.objects.filter(circle=personas.circle).exists()


def test_the_demo_holds_a_small_invitation_plan() -> None:
    login = load_demo()
    owner = User.objects.get(email=login.email)
    dan = Circle.objects.get(created_by=owner, name="Dan")

    text = text_of(client_for(owner).get(f"/c/{dan.id}/craft/"))

    assert "Would you see Dr Patel with me next week?" in text
    assert text.count("Check again: details change.") == 1
    assert "Asked" in text
    assert "Said maybe" in text


def test_risky_words_in_a_worksheet_show_the_act_now_path_and_are_audited(
    personas: Personas,
) -> None:
    words = "he said he wants to die and gave away his guitar"

    response = client_for(personas.bob).post(
        url(personas, "pattern/"), {"what_happens": words}, follow=True
    )

    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "craft"
    assert "guitar" not in str(event.details)
    text = text_of(response)
    assert "What you wrote" in text
    assert "Saved as version 1." in text


def test_the_history_page_asks_the_same_queries_for_many_versions(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "pattern/"), PATTERN)
    client.get(url(personas, "versions/"))
    with CaptureQueriesContext(connection) as few:
        client.get(url(personas, "versions/"))
    for n in range(10):
        services.save_part(
            circle=personas.circle,
            by=Actor(personas.alice),
            part="pattern",
            value={"behaviour": f"Version {n}"},
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url(personas, "versions/"))

    assert len(many) == len(few)


def test_the_overview_asks_the_same_queries_for_many_steps(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "pattern/"), PATTERN)
    client.get(url(personas))
    with CaptureQueriesContext(connection) as few:
        client.get(url(personas))
    for _ in range(10):
        services.log_step(
            circle=personas.circle,
            by=Actor(personas.alice),
            step="asked",
            happened_on=timezone.localdate(),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url(personas))

    assert len(many) == len(few)


def test_the_invitation_offers_change_talk_and_barriers_the_circle_noted(
    personas: Personas,
) -> None:
    journal_services.create_entry(
        circle=personas.circle,
        by=Actor(personas.alice),
        data={
            "kind": "conversation",
            "happened_on": timezone.localdate(),
            "happened": "We talked over breakfast.",
            "they_said": "I want to feel better in the mornings, maybe I should cut down.",
        },
    )
    JournalEntry.objects.update(talk_kind="change")  # as the coach's reading would mark it
    save_answers(
        circle=personas.circle, author=personas.alice, answers={"sees_problem": "denies_completely"}
    )

    text = text_of(client_for(personas.bob).get(url(personas, "invitation/")))

    assert "What the circle has already noted" in text
    assert "“I want to feel better in the mornings, maybe I should cut down.”" in text
    assert "from your barrier map:" in text


def test_the_invitation_grades_the_answer_if_they_say_no_as_a_reflection(
    personas: Personas,
) -> None:
    client = client_for(personas.alice)
    said = {
        **INVITATION,
        "their_words": "I don't have a problem. Stop going on about it.",
        "if_no": "It feels like I'm judging you, and you're tired of being watched.",
    }

    overview = client.post(url(personas, "invitation/"), said, follow=True)
    live = client.post(
        url(personas, "invitation/"),
        {**said, "if_no": "You should get help before it gets worse."},
        HTTP_HX_REQUEST="true",
    )

    assert "A complex reflection: it names the feeling under the words" in text_of(overview)
    assert "Not a reflection yet" in text_of(live)
    assert "What makes it a complex reflection:" in text_of(live)
