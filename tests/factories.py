"""Factories for arranging state: one per main model.

Use them to set the scene a test starts from. The behaviour under test still
goes through its service or its page, so audit rows and risk checks run there.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from porchlight.accounts.models import User
from porchlight.boundaries.models import Boundary, BoundaryTest
from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.permissions import Role
from porchlight.journal.models import JournalEntry
from porchlight.safety.models import PlanComment, SafetyPlan, SafetyPlanVersion

PASSWORD = "a calm lighthouse keeper"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle

    name = "Zephyrine"
    relationship = "partner"
    concerns = factory.LazyFunction(lambda: ["alcohol"])
    country = "US"
    created_by = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    circle = factory.SubFactory(CircleFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.SUPPORTER


class JournalEntryFactory(factory.django.DjangoModelFactory):
    """A shared note written today. Not read for risk: write through the page for that."""

    class Meta:
        model = JournalEntry

    circle = factory.SubFactory(CircleFactory)
    author = factory.LazyAttribute(lambda entry: entry.circle.created_by)
    kind = "note"
    happened_on = factory.LazyFunction(timezone.localdate)
    happened = factory.Sequence(lambda n: f"Entry number {n}")


class BoundaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Boundary

    circle = factory.SubFactory(CircleFactory)
    author = factory.LazyAttribute(lambda boundary: boundary.circle.created_by)
    wont_do = "lend money"
    will_do = "have dinner on Sundays"
    why = "I need to keep our savings safe"
    if_crossed = "I will calmly say no and leave the room"


class BoundaryTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoundaryTest

    boundary = factory.SubFactory(BoundaryFactory)
    happened_on = factory.LazyFunction(timezone.localdate)
    result = "held"
    created_by = factory.LazyAttribute(lambda test: test.boundary.author)


class SafetyPlanFactory(factory.django.DjangoModelFactory):
    """A circle's plan with no versions yet; add a SafetyPlanVersionFactory for content."""

    class Meta:
        model = SafetyPlan
        django_get_or_create = ("circle",)

    circle = factory.SubFactory(CircleFactory)


class SafetyPlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyPlanVersion

    plan = factory.SubFactory(SafetyPlanFactory)
    number = factory.LazyAttribute(lambda version: version.plan.versions.count() + 1)
    sections = factory.LazyFunction(lambda: {"calming": "A cup of tea on the porch."})
    created_by = factory.LazyAttribute(lambda version: version.plan.circle.created_by)


class PlanCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanComment

    plan = factory.SubFactory(SafetyPlanFactory)
    author = factory.LazyAttribute(lambda comment: comment.plan.circle.created_by)
    text = "Add the crisis team's number."


class CoachedMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachedMessage

    circle = factory.SubFactory(CircleFactory)
    author = factory.LazyAttribute(lambda message: message.circle.created_by)
    text = "I love you. How are you doing?"


class ConversationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationPlan

    circle = factory.SubFactory(CircleFactory)
    author = factory.LazyAttribute(lambda plan: plan.circle.created_by)
    goal = "Be heard about the drinking."
    moment = factory.LazyFunction(lambda: ["calm", "sober"])
    opening = "I've noticed you seem tired lately, and I care about you."
    if_no = "That's okay. I'm here when you're ready."
    closing = "Thank you for listening."
