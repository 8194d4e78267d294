"""The family team plan and letters, through the pages."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.safety import personal_safety, triage
from porchlight.safety import services as safety_services
from porchlight.team.models import Letter, TeamComment, TeamPlan
from tests.conftest import Personas, client_for, pdf_text
from tests.html import text_of

pytestmark = pytest.mark.django_db

PLAN = {
    "member_0_name": "Mia",
    "member_0_role": "lead",
    "member_1_name": "Ray",
    "member_1_role": "asker",
    "step": "light",
    "light_do": "Ray asks Zephyrine to come for lunch on Sunday.",
    "light_next": "Zephyrine says no twice.",
    "plan_b": "We keep the door open and look after ourselves.",
    "follow_up": "Mia calls on Monday.",
}


def at(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/team/{suffix}"


def save_plan(personas: Personas, user: Any = None, **changes: str) -> Any:
    client = client_for(user or personas.alice)
    return client.post(at(personas, "edit/"), {**PLAN, **changes}, follow=True)


def test_plan_saved_and_read_back_with_who_and_when(personas: Personas) -> None:
    response = save_plan(personas)

    text = text_of(response)
    assert "Saved as version 1." in text
    assert "Mia : Leads the team" in text
    assert "Ray : Asks Zephyrine" in text
    assert "What we'll do: Ray asks Zephyrine to come for lunch on Sunday." in text
    assert "We move on when: Zephyrine says no twice." in text
    assert "Step 1: A kind invitation You are here" in text
    assert "Version 1 · saved" in text
    assert "by Alice" in text
    assert "Work with a professional first" not in text


def test_plan_edit_form_comes_back_filled_in(personas: Personas) -> None:
    save_plan(personas)

    form = client_for(personas.bob).get(at(personas, "edit/")).context["form"]

    assert form.initial["member_1_name"] == "Ray"
    assert form.initial["light_next"] == "Zephyrine says no twice."


def test_plan_unchanged_save_makes_no_version_and_a_change_makes_version_2(
    personas: Personas,
) -> None:
    save_plan(personas)
    again = text_of(save_plan(personas))
    changed = text_of(save_plan(personas, personas.bob, follow_up="Ray calls on Tuesday."))

    assert "Nothing had changed, so no new version was made." in again
    assert "Saved as version 2." in changed
    plan = TeamPlan.objects.get(circle=personas.circle)
    assert [(v.number, v.created_by) for v in plan.versions.all()] == [
        (2, personas.bob),
        (1, personas.alice),
    ]
    old = text_of(client_for(personas.alice).get(at(personas, "versions/1/")))
    assert "Mia calls on Monday." in old
    assert "You are looking at version 1" in old


def test_plan_save_writes_an_audit_row_without_the_words(personas: Personas) -> None:
    save_plan(personas)

    row = AuditEvent.objects.get(action=AuditAction.TEAM_PLAN_SAVED)
    assert row.details == {"version": 1, "members": 2}
    assert row.actor == personas.alice


def test_plan_without_a_step_keeps_what_was_typed(personas: Personas) -> None:
    response = client_for(personas.alice).post(at(personas, "edit/"), {**PLAN, "step": ""})

    assert response.status_code == 200
    assert response.context["form"]["member_0_name"].value() == "Mia"
    assert TeamPlan.objects.count() == 0


@pytest.mark.parametrize(
    ("risk", "reason"),
    [
        ("violence", "You said Zephyrine has been violent or made threats."),
        ("psychosis", "You said Zephyrine at times hears, sees or believes things that"),
        ("self_harm", "You said Zephyrine has hurt themselves or tried to end their life."),
        ("mixed_substances", "You said Zephyrine mixes alcohol, drugs or medicines."),
    ],
)
def test_plan_with_a_risk_says_to_work_with_a_professional_first(
    personas: Personas, risk: str, reason: str
) -> None:
    text = text_of(save_plan(personas, **{f"risk_{risk}": "on"}))

    assert "Work with a professional first" in text
    assert reason in text
    # The warning comes before the plan itself.
    assert text.index("Work with a professional first") < text.index("Family team plan for")


def test_plan_reads_violence_from_a_saved_safety_check(personas: Personas) -> None:
    answers = {"violence": "threats"}
    safety_services.save_check(
        circle=personas.circle,
        by=Actor(personas.bob),
        answers=answers,
        result=triage.evaluate(answers),
    )

    text = text_of(save_plan(personas))

    assert "Work with a professional first" in text
    assert "A safety check saved in this circle found a risk like this." in text


def test_plan_reads_the_members_own_fear(personas: Personas) -> None:
    personal_safety.record_answer(membership=personas.membership(personas.alice), afraid=True)

    text = text_of(save_plan(personas))

    assert "You said you are afraid of Zephyrine, or not sure." in text


def test_act_now_check_comes_first_on_the_plan_and_the_edit_page(personas: Personas) -> None:
    answers = {"overdose_signs": ["cannot_wake"]}
    result = triage.evaluate(answers)
    assert result.level == "act_now"
    safety_services.save_check(
        circle=personas.circle, by=Actor(personas.alice), answers=answers, result=result
    )
    save_plan(personas)

    for suffix in ("", "edit/"):
        text = text_of(client_for(personas.alice).get(at(personas, suffix)))
        first = text.index("Safety comes first right now")
        assert first < text.index("Family team plan for" if not suffix else "Edit the team plan")
        assert "Call 911" in text[first:] or "911" in text[first : first + 600]


def test_professional_reads_the_plan_only_once_shared_and_can_comment(
    personas: Personas,
) -> None:
    save_plan(personas)
    carol = client_for(personas.carol)
    before = text_of(carol.get(at(personas)))

    client_for(personas.alice).post(at(personas, "share/"), {"shared": "yes"})
    after = text_of(carol.get(at(personas)))
    carol.post(at(personas, "comment/"), {"text": "Book the family worker first."})

    assert "The team plan hasn't been shared with you yet" in before
    assert "Ray asks Zephyrine" not in before
    assert "Ray asks Zephyrine to come for lunch on Sunday." in after
    assert TeamComment.objects.get().author == personas.carol
    shown = text_of(client_for(personas.alice).get(at(personas)))
    assert "Carol" in shown
    assert "Book the family worker first." in shown
    assert AuditEvent.objects.filter(action=AuditAction.TEAM_PLAN_SHARED).count() == 1


def test_cards_pdf_has_one_page_per_person(personas: Personas) -> None:
    save_plan(personas)

    response = client_for(personas.bob).get(at(personas, "cards.pdf"))

    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 2
    first, second = (" ".join(page.extract_text().split()) for page in pages)
    assert first.startswith("Mia: Leads the team")
    assert second.startswith("Ray: Asks Zephyrine")
    assert "You are the one who asks Zephyrine" in second
    assert "Where we are: Step 1: A kind invitation" in pdf_text(response.content)
    assert AuditEvent.objects.get(action=AuditAction.EXPORTED).details == {"what": "team_cards_pdf"}


# --- Letters ------------------------------------------------------------------------


def write_letter(personas: Personas, user: Any, **data: str) -> Any:
    return client_for(user).post(at(personas, "letters/new/"), data, follow=True)


def test_letter_with_blame_is_flagged_with_what_to_change(personas: Personas) -> None:
    text = text_of(write_letter(personas, personas.bob, text="You always ruin everything."))

    assert "The coach found things to change" in text
    assert "Blaming : “You always ruin”." in text
    assert "Describe what happened and how it affected you" in text


def test_letter_with_a_threat_in_the_bottom_line_is_flagged(personas: Personas) -> None:
    text = text_of(
        write_letter(
            personas,
            personas.bob,
            text="I love you, and I miss you.",
            bottom_line="If you don't go, I'll leave you.",
            will_keep="on",
        )
    )

    assert "A threat or a demand" in text
    assert 'Say what you will do, starting with "I will", and drop the demand.' in text


def test_letter_of_love_passes_the_check(personas: Personas) -> None:
    text = text_of(
        write_letter(
            personas,
            personas.bob,
            text="I love you. I have seen you tired, and I feel worried. I hope we can talk.",
            bottom_line="I will stay with my sister on nights when there is drinking.",
            will_keep="on",
        )
    )

    assert "Your letter is saved. Only you can see it." in text
    assert "The coach found no blame, threats or labels." in text


def test_bottom_line_only_when_the_writer_will_keep_it(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        at(personas, "letters/new/"), {"text": "I love you.", "bottom_line": "I will leave."}
    )

    assert response.status_code == 200
    assert "Tick this only if you will keep it." in text_of(response)
    assert Letter.objects.filter(author=personas.bob).count() == 0


def test_letter_is_private_until_its_writer_shares_it(personas: Personas) -> None:
    write_letter(personas, personas.bob, text="I love you and I am worried.")
    letter = Letter.objects.get(author=personas.bob)
    page = at(personas, f"letters/{letter.id}/")
    alice = client_for(personas.alice)

    hidden = alice.get(page).status_code
    listed_before = text_of(alice.get(at(personas, "letters/")))
    assert alice.post(page + "share/", {"shared": "yes"}).status_code == 404
    client_for(personas.bob).post(page + "share/", {"shared": "yes"})
    shown = alice.get(page)

    assert hidden == 404
    assert "I love you and I am worried." not in listed_before
    assert shown.status_code == 200
    assert "I love you and I am worried." in text_of(shown)
    # The team reads it; only its writer is shown the coach's check and may change it.
    assert "The coach's check" not in text_of(shown)
    assert alice.get(page + "edit/").status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.TEAM_LETTER_SHARED).count() == 1
