from __future__ import annotations

import factory

from porchlight.accounts.models import User
from porchlight.circles.models import Circle, Membership
from porchlight.core.permissions import Role

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
