"""What people type is shown as text, never run as markup.

Every free-text field the project stores (found from the models, so a new one
fails here until it is listed) is filled with a markup payload. Then every page
the role matrix reaches is opened by every kind of visitor, every PDF and
export is downloaded, and the pages behind the flash messages are followed.
The HTML is parsed, and no element or attribute of the payload may be in it:
an injected `hx-post` would make htmx send a request with the visitor's CSRF
token, strict CSP or not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from porchlight.boundaries.models import Boundary
from porchlight.circles import services as circle_services
from porchlight.circles.models import Membership
from porchlight.coach import feedback
from porchlight.coach import services as coach_services
from porchlight.coach.models import CoachedMessage
from porchlight.core import pdf
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.craft import engine as craft_engine
from porchlight.craft import services as craft_services
from porchlight.craft.models import CraftPlan, CraftPlanVersion
from porchlight.journal import services as journal_services
from porchlight.reminders import services as reminder_services
from porchlight.safety import personal_safety, triage
from porchlight.safety import services as safety_services
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion
from porchlight.safety.plan_sections import plan_template
from porchlight.selfcare import engine as checkin
from porchlight.selfcare import services as selfcare_services
from porchlight.selfcare.models import SelfCarePlan
from porchlight.team import services as team_services
from porchlight.team.models import TeamPlan, TeamPlanVersion
from porchlight.understand import services as understand_services
from tests.conftest import Personas, client_for, sign_up_link
from tests.html import text_of
from tests.test_role_matrix import EXPECTED_GET, VISITORS, url_for, visitor_user

# Each fits the shortest free-text field (a circle's name, 40 characters).
PAYLOADS = {
    # The one found in the wild: htmx acts on it as soon as the page loads.
    "htmx": "<i hx-post=x hx-trigger=load data-pwn=1>",
    # Breaks out of a double- or single-quoted attribute.
    "attribute": "'\"><svg onload=alert(1) data-pwn=2>",
}

# Text fields that hold no words a person typed, and why.
NOT_FREE_TEXT = {
    "accounts.User.email": "validated as an e-mail address",
    "accounts.User.password": "a hash",
    "circles.Invitation.token_digest": "a hash",
    "reminders.ReminderSettings.feed_token": "made by the server",
    "journal.JournalEntry.talk_kind": "made by the server from the coach's reading",
    "safety.SavedCheck.level": "a triage level id",
    "selfcare.CheckIn.band": "a band id from the content",
    "understand.StageRecord.stage": "a stage id from the content",
    "rehearse.RehearsalSession.scenario": "a scenario id from the content",
    "rehearse.RehearsalSession.personality": "a personality id from the content",
    "rehearse.RehearsalTurn.move": "a move id from the coach",
    "rehearse.RehearsalTurn.level": "a feeling level id from the content",
    "directory.EntryReport.entry_id": "a directory entry id",
    "directory.EntryReport.reason": "a reason id from a list",
    "accounts.PendingSignUp.password": "a hash",
    "accounts.PendingSignUp.token_digest": "a hash",
    "accounts.PendingSignUp.next_url": "a path checked by the server",
    "craft.CraftPlanVersion.changed": "a worksheet id from the content, or 'options'",
    "craft.InvitationStep.step": "a step id from the content",
}

# JSON fields with free text in them, and how the payload goes in.
FREE_TEXT_JSON = {
    "safety.SafetyPlanVersion.sections",  # section key -> text
    "selfcare.SelfCarePlan.answers",  # prompt id -> text
    "journal.JournalEntry.tags",  # list of words
    "coach.CoachedMessage.feedback",  # the coach's reading of the text, sentences included
    "craft.CraftPlanVersion.parts",  # worksheet id -> field -> text; options -> [field -> text]
    "team.TeamPlanVersion.content",  # issue #15: names, step texts, plan B, follow-up
}
# JSON fields holding only ids from the content or the server.
JSON_OF_IDS = {
    "circles.Circle.concerns",
    "coach.ConversationPlan.moment",
    "core.AuditEvent.details",
    "safety.SavedCheck.rule_ids",
    "safety.SavedCheck.answers",
    "selfcare.CheckIn.answers",
    "understand.BarrierAnswers.answers",
    "understand.BarrierAnswers.adjusted_barriers",
    # The rehearsal's state, counts and risk alert, made by the server.
    "rehearse.RehearsalSession.state",
    "rehearse.RehearsalSession.summary",
    "rehearse.RehearsalTurn.state_after",
    "rehearse.RehearsalTurn.alert",
    "rehearse.RehearsalTurn.counts",
}


def project_fields() -> Iterator[tuple[str, models.Field[Any, Any]]]:
    for model in apps.get_models():
        if not model.__module__.startswith("porchlight."):
            continue
        for field in model._meta.concrete_fields:
            yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def free_text_fields() -> dict[str, models.Field[Any, Any]]:
    return {
        name: field
        for name, field in project_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and name not in NOT_FREE_TEXT
    }


def test_every_text_field_is_known_to_this_test() -> None:
    text = {n for n, f in project_fields() if isinstance(f, models.CharField | models.TextField)}
    json_fields = {n for n, f in project_fields() if isinstance(f, models.JSONField)}

    assert set(NOT_FREE_TEXT) <= text
    assert json_fields == FREE_TEXT_JSON | JSON_OF_IDS


def fill_everything(personas: Personas, payload: str) -> None:
    """Objects of every kind exist, and every free text in them is the payload."""
    alice, bob, carol = personas.alice, personas.bob, personas.carol
    circle = personas.circle
    plan = SafetyPlan.objects.get(circle=circle)
    safety_services.add_comment(plan=plan, by=Actor(carol), text=payload)
    for user in (alice, bob, carol):
        selfcare_services.save_plan(by=Actor(user), answers={"x": "y"})
        selfcare_services.record_checkin(
            by=Actor(user), answers={q.id: q.options[0].id for q in checkin.questions()}
        )
    for membership in Membership.objects.filter(circle=circle):
        personal_safety.record_answer(membership=membership, afraid=False)
    result = triage.evaluate({})
    safety_services.save_check(circle=circle, by=Actor(alice), answers={}, result=result)
    journal_services.add_small_victory(circle=circle, by=Actor(alice), text=payload)
    message = CoachedMessage.objects.get(circle=circle)
    coach_services.record_outcome(message=message, outcome="went_well", note=payload)
    understand_services.choose_stage(
        circle=circle, author=alice, stage="precontemplation", relapse=False
    )
    circle_services.create_invitation(
        circle=circle, by=Actor(alice), role="professional", label=payload
    )

    # The audit log is append-only: its labels come in as new rows.
    AuditEvent.objects.create(
        action=AuditAction.MEMBER_REMOVED,
        circle_id=circle.id,
        actor_label=payload,
        subject_label=payload,
    )
    for field in free_text_fields().values():
        if field.model is not AuditEvent:
            field.model._default_manager.update(**{field.name: payload})
    sections = {section.key: payload for section in plan_template().sections}
    SafetyPlanVersion.objects.update(sections=sections)
    answers = {prompt.id: payload for prompt in checkin.plan_prompts()}
    SelfCarePlan.objects.update(answers=answers)
    journal_services.JournalEntry.objects.update(tags=[payload])
    for message in CoachedMessage.objects.all():
        message.feedback = feedback.analyse(payload)
        message.save(update_fields=["feedback"])
    craft_plan = CraftPlan.objects.get(circle=circle)
    craft_services.add_comment(plan=craft_plan, by=Actor(carol), text=payload)
    craft = craft_engine.load_craft()
    parts: dict[str, Any] = {
        sheet.id: dict.fromkeys(sheet.keys, payload) for sheet in craft.worksheets
    }
    parts["options"] = [
        {**dict.fromkeys(craft_engine.OPTION_FIELDS, payload), "kind": "online", "checked_on": ""}
    ]
    CraftPlanVersion.objects.update(parts=parts)
    # Issue #15: every text of the team plan, and a comment from the professional.
    team_plan = TeamPlan.objects.get(circle=circle)
    team_services.add_comment(plan=team_plan, by=Actor(carol), text=payload)
    TeamPlanVersion.objects.update(
        content={
            "members": [{"name": payload, "role": "lead"}],
            "risks": [],
            "step": "light",
            "steps": {"light": {"do": payload, "next": payload}},
            "plan_b": payload,
            "follow_up": payload,
        }
    )


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def injected_markup(html: str) -> list[str]:
    """Elements or attributes that came from a payload, as `tag[attribute]` strings."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    injected = []
    for tag, attrs in parser.found:
        for attribute, value in attrs:
            if attribute in {"data-pwn", "onload"} or (attribute == "hx-post" and value == "x"):
                injected.append(f"{tag}[{attribute}]")
    return injected


def strings_in(document: Any) -> set[str]:
    if isinstance(document, str):
        return {document}
    values = document.values() if isinstance(document, dict) else document
    if isinstance(values, list | type({}.values())):
        return set().union(*(strings_in(value) for value in values))
    return set()


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def pdf_html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML each PDF is drawn from, kept as WeasyPrint gets it."""
    seen: list[str] = []
    real = pdf.render_to_string

    def keep(*args: Any, **kwargs: Any) -> str:
        html = real(*args, **kwargs)
        seen.append(html)
        return html

    monkeypatch.setattr(pdf, "render_to_string", keep)
    return seen


def problems_in(response: Any, payload: str, pdf_html: list[str]) -> list[str]:
    """What is wrong with one response: injected elements, or the payload lost."""
    kind = response["Content-Type"].split(";")[0]
    body = response.content
    found: list[str] = []
    if response["X-Content-Type-Options"] != "nosniff":
        found.append("no nosniff header")
    if kind == "text/html":
        found += injected_markup(body.decode())
    elif kind == "application/pdf":
        if not pdf_html:
            found.append("PDF not drawn from HTML")
        for html in pdf_html:
            found += [f"PDF HTML: {item}" for item in injected_markup(html)]
        pdf_html.clear()
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(body)).pages)
        # Shown as the characters typed, the payload is still there to read.
        if flat(payload) not in flat(text):
            found.append("payload not in the PDF text")
    elif kind == "application/json":
        document = json.loads(body)
        # An export keeps what was typed, character for character.
        if response.has_header("Content-Disposition") and payload not in strings_in(document):
            found.append("payload not in the export")
    elif kind == "text/calendar":
        if b"<" in body and payload.encode() not in body.replace(b"\r\n ", b""):
            found.append("calendar holds markup that is not the payload")
    elif kind not in {"text/javascript", "application/manifest+json"}:
        found.append(f"unexpected content type {kind}")
    return found


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("payload_name", sorted(PAYLOADS))
def test_every_page_shows_typed_markup_as_text(
    payload_name: str,
    personas: Personas,
    invitation: circle_services.NewInvitation,
    pdf_html: list[str],
) -> None:
    payload = PAYLOADS[payload_name]
    pending = str(invitation.invitation.id)
    # Found before more objects of each kind exist, as the role matrix finds them.
    urls = {name: url_for(name, personas, invitation.token, pending) for name in EXPECTED_GET}
    fill_everything(personas, payload)

    kinds: set[str] = set()
    found: list[str] = []
    for visitor in VISITORS:
        client = client_for(visitor_user(visitor, personas))
        for name, outcomes in sorted(EXPECTED_GET.items()):
            if outcomes[VISITORS.index(visitor)] != 200:
                continue
            url = urls[name]
            response = client.get(url)
            assert response.status_code == 200, (visitor, url)
            found += [f"{visitor} {name}: {p}" for p in problems_in(response, payload, pdf_html)]
            kinds.add(response["Content-Type"].split(";")[0])
        user = visitor_user(visitor, personas)
        if user is not None:
            feed = reminder_services.settings_for(user).feed_token
            response = client.get(reverse("reminders:feed", kwargs={"token": feed}))
            found += [f"{visitor} feed: {p}" for p in problems_in(response, payload, pdf_html)]

    assert found == []
    assert {"text/html", "application/pdf", "application/json", "text/calendar"} <= kinds


def follow(client: Client, url: str, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(url, data, follow=True, **extra)


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("payload_name", sorted(PAYLOADS))
def test_messages_and_bound_forms_show_typed_markup_as_text(
    payload_name: str,
    personas: Personas,
    invitation: circle_services.NewInvitation,
    pdf_html: list[str],
) -> None:
    payload = PAYLOADS[payload_name]
    fill_everything(personas, payload)
    circle_id = personas.circle.id
    alice = client_for(personas.alice)

    def at(name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"circle_id": circle_id, **kwargs})

    boundary = Boundary.objects.get(circle=personas.circle)
    newcomer = Client()
    responses = {
        "new circle": follow(
            alice,
            reverse("circles:create"),
            {"name": payload, "relationship": "partner", "concerns": ["alcohol"], "country": "US"},
        ),
        # The welcome message after finishing a sign-up by its e-mailed link names the person.
        "sign-up finished": follow(
            newcomer,
            sign_up_link(
                newcomer,
                {
                    "email": "newcomer@example.com",
                    "display_name": payload,
                    "password": "a calm lighthouse keeper",
                },
            ),
            {"password": "a calm lighthouse keeper"},
        ),
        "coach as you type": alice.post(
            at("coach:talk"), {"text": payload}, HTTP_HX_REQUEST="true"
        ),
        "coach on submit": alice.post(at("coach:talk"), {"text": payload}),
        "journal with an error": alice.post(
            at("journal:new"), {"kind": "nonsense", "happened": payload, "tags": payload}
        ),
        "boundary with an error": alice.post(
            at("boundaries:edit", boundary_id=boundary.id), {"wont_do": payload}
        ),
        # Issue #15: no step chosen; a bottom line not promised.
        "team plan with an error": alice.post(
            at("team:plan.edit"), {"member_0_name": payload, "plan_b": payload}
        ),
        "letter with an error": alice.post(
            at("team:letter.new"), {"text": payload, "bottom_line": payload}
        ),
        "safety plan with an error": alice.post(
            at("safety:plan.edit"), {"warning_signs": payload, "review_on": "1999-01-01"}
        ),
        "delete with the wrong name": alice.post(at("circles:delete"), {"confirm_name": "Z"}),
        "saved check": follow(alice, at("safety:circle_check.save"), {"answers": "{}"}),
        "withdrawn invitation": follow(
            alice, at("circles:invitation.revoke", invitation_id=invitation.invitation.id), {}
        ),
        "removed member": follow(
            alice,
            at("circles:member.remove", membership_id=personas.membership(personas.bob).id),
            {},
        ),
        "left circle": follow(client_for(personas.carol), at("circles:leave"), {}),
    }
    found = []
    for where, response in responses.items():
        assert response.status_code in {200, 400}, where
        found += [f"{where}: {problem}" for problem in problems_in(response, payload, pdf_html)]
        # The case did show what was typed, as text.
        if flat(payload) not in flat(text_of(response)):
            found.append(f"{where}: payload not shown")
    assert found == []


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.content: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name"):
            self.content[str(found["name"])] = str(found.get("content"))


def test_htmx_config_refuses_eval_scripts_and_other_sites(client: Client) -> None:
    meta = _Meta()
    meta.feed(client.get(reverse("core:home")).content.decode())

    assert json.loads(meta.content["htmx-config"]) == {
        "includeIndicatorStyles": False,  # its inline style would break the CSP
        "selfRequestsOnly": True,  # hx-get and friends reach this site only
        "allowEval": False,  # no hx-on, no js: in hx-vals, no eval'd trigger filters
        "allowScriptTags": False,  # a swapped-in <script> is not run
        "historyCacheSize": 0,  # no copy of a page's content in the browser's storage
    }
