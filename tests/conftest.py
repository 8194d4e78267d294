"""Shared fixtures: the personas used across the suite.

alice owns Zephyrine's circle, bob is a supporter in it, carol is the
professional, and dave is a stranger with a circle of his own. `populated_circle`
adds one of each thing alice can write; `invitation` adds a pending invitation.
Helpers that many test files use live here too (client_for, post_log_in, pdf_text).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client, TestCase
from django.utils import timezone
from pypdf import PdfReader

from porchlight.accounts.models import User
from porchlight.boundaries import services as boundary_services
from porchlight.circles import services
from porchlight.circles.models import Circle, Membership
from porchlight.coach import services as coach_services
from porchlight.core.actor import Actor
from porchlight.core.permissions import Role
from porchlight.craft import services as craft_services
from porchlight.journal import services as journal_services
from porchlight.rehearse import services as rehearse_services
from porchlight.safety.services import save_plan, set_sharing
from porchlight.team import services as team_services
from porchlight.understand.services import save_answers
from tests.database_selection import (  # noqa: F401  the --database-tests-only hooks
    database_only_when_asked,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_report_collectionfinish,
)
from tests.factories import PASSWORD, CircleFactory, MembershipFactory, UserFactory


@dataclass
class Personas:
    circle: Circle
    alice: User
    bob: User
    carol: User
    dave: User
    dave_circle: Circle

    def membership(self, user: User) -> Membership:
        return Membership.objects.get(circle=self.circle, user=user)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db: None) -> Personas:
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    carol = UserFactory(email="carol@example.com", display_name="Carol")
    dave = UserFactory(email="dave@example.com", display_name="Dave")
    circle = CircleFactory(name="Zephyrine", created_by=alice, country="US")
    MembershipFactory(circle=circle, user=alice, role=Role.OWNER)
    MembershipFactory(circle=circle, user=bob, role=Role.SUPPORTER)
    MembershipFactory(circle=circle, user=carol, role=Role.PROFESSIONAL)
    dave_circle = CircleFactory(name="Quillon", created_by=dave, country="GB")
    MembershipFactory(circle=dave_circle, user=dave, role=Role.OWNER)
    return Personas(circle, alice, bob, carol, dave, dave_circle)


@pytest.fixture
def populated_circle(personas: Personas) -> Personas:
    """Alice's circle with one of each thing a member writes, all made through the services.

    A safety plan shared with professionals and reviewed in 30 days, a journal
    entry, barrier answers, a boundary tested once, a coached message, a
    conversation plan, a private rehearsal with one turn, a CRAFT invitation plan
    shared with professionals with one logged step, a family team plan shared with
    professionals and a private letter. All are alice's.
    """
    save_plan(
        circle=personas.circle,
        by=Actor(personas.alice),
        sections={"warning_signs": "Zephyrine stops answering her phone."},
        review_on=timezone.localdate() + timedelta(days=30),
    )
    set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    journal_services.create_entry(
        circle=personas.circle,
        by=Actor(personas.alice),
        data={
            "kind": "conversation",
            "happened_on": timezone.localdate(),
            "happened": "Zephyrine talked about the garden.",
        },
    )
    save_answers(
        circle=personas.circle,
        author=personas.alice,
        answers={"sees_problem": "denies_completely"},
    )
    boundary = boundary_services.save_boundary(
        circle=personas.circle,
        by=Actor(personas.alice),
        data={
            "wont_do": "lend money",
            "will_do": "have dinner with Zephyrine on Sundays",
            "why": "I need to keep our savings safe",
            "if_crossed": "I will calmly say no and leave the room",
            "how_to_say": "I love you, and I won't lend money any more.",
        },
    )
    boundary_services.log_test(
        boundary=boundary.boundary,
        by=Actor(personas.alice),
        data={"happened_on": timezone.localdate(), "result": "held", "note": ""},
    )
    coach_services.save_message(
        circle=personas.circle, by=Actor(personas.alice), text="I love you. How are you doing?"
    )
    coach_services.save_plan(
        circle=personas.circle,
        by=Actor(personas.alice),
        data={
            "goal": "Be heard about Zephyrine's drinking.",
            "moment": ["calm", "sober"],
            "opening": "I've noticed you seem tired lately, and I care about you.",
            "their_words": "I'm fine. Stop watching me.",
            "if_no": "That's okay. I'm here when you're ready.",
            "closing": "Thank you for listening.",
        },
    )
    rehearsal = rehearse_services.start_session(
        circle=personas.circle,
        by=Actor(personas.alice),
        scenario_id="alcohol_first_time",
        personality_id="guarded",
        seed=1,
    )
    rehearse_services.play_turn(
        session=rehearsal, by=Actor(personas.alice), text="You seem worn out lately."
    )
    # The CRAFT plan (porchlight/craft): its invitation, one option, shared, and one step.
    craft_services.save_part(
        circle=personas.circle,
        by=Actor(personas.alice),
        part="invitation",
        value={
            "exact_words": "Would you come with me to see Dr Lee?",
            "good_moments": ["sober_calm"],
        },
    )
    craft_services.save_part(
        circle=personas.circle,
        by=Actor(personas.alice),
        part="options",
        value=[{"kind": "family_doctor", "name": "Dr Lee", "checked_on": timezone.localdate()}],
    )
    craft_services.set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    craft_services.log_step(
        circle=personas.circle,
        by=Actor(personas.alice),
        step="asked",
        happened_on=timezone.localdate(),
    )
    # Issue #15: a family team plan shared with professionals, and alice's private letter.
    team_services.save_plan(
        circle=personas.circle,
        by=Actor(personas.alice),
        content={
            "members": [{"name": "Alice", "role": "lead"}, {"name": "Uncle Ray", "role": "asker"}],
            "step": "light",
            "steps": {"light": {"do": "Ray asks Zephyrine to lunch.", "next": "Two weeks pass."}},
            "plan_b": "We keep the door open.",
            "follow_up": "Alice calls on Monday.",
        },
    )
    team_services.set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    team_services.save_letter(
        circle=personas.circle,
        by=Actor(personas.alice),
        data={"text": "I love you, Zephyrine, and I miss our walks.", "bottom_line": ""},
    )
    return personas


@pytest.fixture
def invitation(personas: Personas) -> services.NewInvitation:
    """A pending invitation from alice, for a supporter she labelled Uncle Ray."""
    return services.create_invitation(
        circle=personas.circle, by=Actor(personas.alice), role="supporter", label="Uncle Ray"
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post_log_in(client: Client, email: str, password: str = PASSWORD) -> HttpResponse:
    """Log in through the log-in form, as a person typing it would."""
    response: HttpResponse = client.post(
        "/accounts/login/", {"username": email, "password": password}
    )
    return response


def pdf_text(content: bytes) -> str:
    """The words of a PDF, page after page, with runs of white space made one space."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def sign_up_link(client: Client, data: dict[str, str]) -> str:
    """Sign up through the page and return the path of the link in the e-mail it sent."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    found = re.search(r"http://testserver(/accounts/signup/finish/[^/\s]+/)", mail.outbox[-1].body)
    assert found is not None, mail.outbox[-1].body
    return found.group(1)
