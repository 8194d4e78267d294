from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from porchlight.core.models import AuditAction, AuditEvent
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion
from tests.conftest import Personas, client_for, pdf_text
from tests.html import text_of

pytestmark = pytest.mark.django_db


def plan_url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/safety-plan/{suffix}"


def save(personas: Personas, user=None, **sections: str):  # type: ignore[no-untyped-def]
    data = {"review_on": "", **sections}
    return client_for(user or personas.alice).post(plan_url(personas, "edit/"), data, follow=True)


def test_empty_plan_invites_the_family_to_start_one(personas: Personas) -> None:
    text = text_of(client_for(personas.bob).get(plan_url(personas)))

    assert "Make a plan before a crisis comes" in text
    assert "Start the plan" in text


def test_each_save_is_a_version_with_who_and_when(personas: Personas) -> None:
    save(personas, warning_signs="Stops eating and stays in his room.")
    response = save(
        personas, personas.bob, warning_signs="Stops eating, stays in his room, gives things away."
    )

    versions = list(SafetyPlanVersion.objects.order_by("number"))
    assert [(v.number, v.created_by.email) for v in versions] == [
        (1, "alice@example.com"),
        (2, "bob@example.com"),
    ]
    assert versions[0].sections == {"warning_signs": "Stops eating and stays in his room."}
    assert "Saved as version 2." in text_of(response)
    old = text_of(client_for(personas.alice).get(plan_url(personas, "versions/1/")))
    assert "You are looking at version 1" in old
    assert "Stops eating and stays in his room." in old


def test_saving_the_same_text_makes_no_new_version(personas: Personas) -> None:
    save(personas, calming="A walk with the dog.")
    response = save(personas, calming="A walk with the dog.")

    assert SafetyPlanVersion.objects.count() == 1
    assert "Nothing had changed" in text_of(response)


def test_crisis_lines_for_the_circles_country_are_prefilled(personas: Personas) -> None:
    save(personas, professionals="Dr Lee, 555 0100")

    text = text_of(client_for(personas.alice).get(plan_url(personas)))

    assert "Crisis lines in United States" in text
    assert "Emergency (ambulance, police and fire): 911" in text
    assert "Call or text 988" in text


def test_a_past_review_date_is_refused_and_nothing_is_lost(personas: Personas) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client_for(personas.alice).post(
        plan_url(personas, "edit/"), {"review_on": yesterday, "calming": "Music"}
    )

    assert response.context["form"].errors["review_on"] == ["Choose today or a date in the future."]
    assert "Music</textarea>" in response.content.decode()
    assert SafetyPlanVersion.objects.count() == 0


def test_professional_reads_the_plan_only_once_the_owner_shares_it(personas: Personas) -> None:
    save(personas, calming="Quiet room, no questions.")
    carol = client_for(personas.carol)

    before = text_of(carol.get(plan_url(personas)))
    assert "The plan hasn't been shared with you yet" in before
    assert "Quiet room" not in before
    assert carol.get(plan_url(personas, "plan.pdf")).status_code == 404

    client_for(personas.alice).post(plan_url(personas, "share/"), {"shared": "yes"})

    after = text_of(carol.get(plan_url(personas)))
    assert "Quiet room, no questions." in after
    assert "Edit the plan" not in after
    assert carol.post(plan_url(personas, "edit/"), {"calming": "x"}).status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.SAFETY_PLAN_SHARED).count() == 1


def test_pdf_holds_the_plan_text_and_the_emergency_number(personas: Personas) -> None:
    save(
        personas,
        warning_signs="Talks about being a burden.",
        calming="Walks by the river with Sam.",
        dependants="Aunt Jo takes the children.",
    )

    response = client_for(personas.bob).get(plan_url(personas, "plan.pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="safety-plan-zephyrine.pdf"'
    text = pdf_text(response.content)
    assert "Zephyrine's crisis and safety plan" in text
    assert "In an emergency call 911 (ambulance, police and fire)." in text
    assert "Talks about being a burden." in text
    assert "Walks by the river with Sam." in text
    assert "Aunt Jo takes the children." in text
    assert "Stanley B, Brown GK. Safety Planning Intervention: a brief intervention" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORTED, details__what="safety_plan_pdf"
    ).exists()


def test_wallet_card_is_one_page_with_the_essentials(personas: Personas) -> None:
    save(personas, warning_signs="Stops answering the phone.", calming="Music and tea.")

    response = client_for(personas.alice).get(plan_url(personas, "wallet-card.pdf"))

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = pdf_text(response.content)
    assert "Emergency: 911" in text
    assert "Stops answering the phone." in text
    assert "Music and tea." in text


def test_review_reminder_as_ics_and_on_the_circle_home(personas: Personas) -> None:
    review = timezone.localdate() + timedelta(days=3)
    client_for(personas.alice).post(
        plan_url(personas, "edit/"), {"review_on": review.isoformat(), "calming": "Tea"}
    )

    response = client_for(personas.alice).get(plan_url(personas, "review.ics"))

    event = next(c for c in Calendar.from_ical(response.content).walk("VEVENT"))
    assert str(event["SUMMARY"]) == "Porchlight: a plan to look over"
    assert event.decoded("DTSTART") == review
    assert f"/c/{personas.circle.id}/" in str(event["DESCRIPTION"])
    home = text_of(client_for(personas.bob).get(f"/c/{personas.circle.id}/"))
    assert f"Time to review the safety plan on {review:%d %B %Y}." in home


def test_no_calendar_without_a_review_date(personas: Personas) -> None:
    save(personas, calming="Tea")

    assert client_for(personas.alice).get(plan_url(personas, "review.ics")).status_code == 404


def test_risk_language_in_the_plan_shows_the_act_now_path_and_is_audited_without_text(
    personas: Personas,
) -> None:
    response = save(
        personas, people_places="last night he said goodbye to everyone and gave his dog away"
    )

    text = text_of(response)
    # Goodbyes and giving a pet away: warning signs adding up, which the risk corpus's
    # specification (benchmarks/data/risk/SPEC.md) counts as act now, plan or no plan.
    assert "What you wrote sounds like someone may be in danger now" in text
    assert text.index("Get help now", text.index("What you wrote")) < text.index(
        "crisis and safety plan"
    )
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "safety_plan"
    assert event.details == {"level": "act_now", "categories": ["suicide"], "where": "safety_plan"}


def test_warning_signs_written_where_they_belong_raise_no_alarm(personas: Personas) -> None:
    response = save(
        personas,
        warning_signs=(
            "Says he wants to die and that we'd be better off without him. "
            "Gives his things away, says goodbye, stops eating."
        ),
    )

    assert "What you wrote" not in text_of(response)
    assert not AuditEvent.objects.filter(action=AuditAction.RISK_FLAGGED).exists()


def test_the_other_sections_are_still_read_for_risk(personas: Personas) -> None:
    response = save(
        personas,
        warning_signs="Says he wants to die.",
        reasons="He said tonight he will kill himself with the pills he has saved.",
    )

    assert "What you wrote sounds like someone may be in danger now" in text_of(response)
    assert AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED).details["level"] == "act_now"


def test_an_empty_save_makes_no_version(personas: Personas) -> None:
    response = save(personas)

    assert "The plan is still empty, so nothing was saved." in text_of(response)
    assert not SafetyPlanVersion.objects.exists()
    assert not SafetyPlan.objects.exists()


def test_the_plan_holds_every_stanley_brown_step_and_reasons_for_living(
    personas: Personas,
) -> None:
    text = text_of(client_for(personas.alice).get(plan_url(personas, "edit/")))

    for title in (
        "Warning signs and triggers",
        "What helps Zephyrine calm down",
        "People and places that help",
        "People Zephyrine can ask for help",
        "Professionals and crisis lines",
        "Making the home safer",
        "Reasons for living and what matters to Zephyrine",
    ):
        assert title in text


def test_typed_phone_numbers_become_tap_to_call_links(personas: Personas) -> None:
    save(personas, ask_for_help="Aunt Mia (212) 555-2368\nDr Lee +44 20 7946 0018")

    html = client_for(personas.alice).get(plan_url(personas)).content.decode()

    assert '<a href="tel:+12125552368">(212) 555-2368</a><br>' in html
    assert '<a href="tel:+442079460018">+44 20 7946 0018</a>' in html


def test_typed_phone_numbers_are_links_in_the_pdf(personas: Personas) -> None:
    save(personas, ask_for_help="Aunt Mia (212) 555-2368")

    response = client_for(personas.bob).get(plan_url(personas, "plan.pdf"))

    reader = PdfReader(io.BytesIO(response.content))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "tel:+12125552368" in links
    assert "tel:911" in links


def test_a_circle_without_verified_lines_gets_its_emergency_numbers_in_the_plan(
    personas: Personas,
) -> None:
    personas.circle.country = "CN"
    personas.circle.save()
    save(personas, calming="Tea")

    html = client_for(personas.alice).get(plan_url(personas)).content.decode()

    assert "Emergency numbers in China" in text_of(html)
    assert 'href="tel:120"' in html
    assert 'href="https://findahelpline.com/"' in html


def test_calm_plan_text_raises_no_alert(personas: Personas) -> None:
    response = save(personas, calming="A cup of tea and his favourite film help him settle.")

    assert "What you wrote" not in text_of(response)
    assert not AuditEvent.objects.filter(action=AuditAction.RISK_FLAGGED).exists()


def test_a_professional_comments_on_the_shared_plan_without_changing_it(personas: Personas) -> None:
    save(personas, calming="Quiet room.")
    client_for(personas.alice).post(plan_url(personas, "share/"), {"shared": "yes"})
    carol = client_for(personas.carol)

    empty = carol.post(plan_url(personas, "comment/"), {"text": ""}, follow=True)
    assert "Write your comment first." in text_of(empty)
    response = carol.post(
        plan_url(personas, "comment/"), {"text": "Add the crisis team's number."}, follow=True
    )

    text = text_of(response)
    assert "Carol" in text
    assert "Add the crisis team's number." in text
    assert SafetyPlanVersion.objects.count() == 1


def test_no_comments_on_a_plan_that_is_not_shared(personas: Personas) -> None:
    save(personas, calming="Quiet room.")

    response = client_for(personas.carol).post(plan_url(personas, "comment/"), {"text": "Hi"})

    assert response.status_code == 404


def test_review_calendar_names_no_one(personas: Personas) -> None:
    review = timezone.localdate() + timedelta(days=3)
    client_for(personas.alice).post(
        plan_url(personas, "edit/"), {"review_on": review.isoformat(), "calming": "Tea"}
    )

    response = client_for(personas.alice).get(plan_url(personas, "review.ics"))

    ics = response.content.decode()
    for word in ("Zephyrine", "Alice", "safety", "crisis", "suicide"):
        assert word.lower() not in ics.lower()
    assert response["Content-Disposition"] == 'attachment; filename="porchlight-reminder.ics"'
