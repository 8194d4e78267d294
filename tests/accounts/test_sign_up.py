from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client, override_settings

from porchlight.accounts.models import User
from porchlight.core.models import AuditAction, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {"display_name": "Maria", "email": "Maria@Example.com", "password": "porch light at dusk"}


def test_sign_up_creates_account_logs_in_and_asks_for_a_circle(client: Client) -> None:
    response = client.post("/accounts/signup/", GOOD)

    assert response.status_code == 302
    assert response["Location"] == "/circles/new/"
    user = User.objects.get()
    assert user.email == "maria@example.com"
    assert user.display_name == "Maria"
    assert client.get("/").context["user"] == user
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        AuditAction.SIGNED_IN,
        AuditAction.SIGNED_UP,
    ]


@override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"],
)
def test_passwords_are_hashed_with_argon2(client: Client) -> None:
    client.post("/accounts/signup/", GOOD)

    assert identify_hasher(User.objects.get().password).algorithm == "argon2"


def test_sign_up_with_a_short_password_explains_and_keeps_the_other_fields(client: Client) -> None:
    response = client.post("/accounts/signup/", {**GOOD, "password": "short"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["password"] == [
        "This password is too short. It must contain at least 10 characters."
    ]
    html = response.content.decode()
    assert 'value="Maria"' in html
    assert 'value="Maria@Example.com"' in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0


def test_sign_up_with_a_taken_email_says_so_next_to_the_field(client: Client) -> None:
    UserFactory(email="maria@example.com")

    response = client.post("/accounts/signup/", GOOD)

    assert response.context["form"].errors["email"] == [
        "An account with this e-mail address already exists. "
        "Try logging in, or reset your password."
    ]


def test_sign_up_returns_to_a_safe_next_url_only(client: Client) -> None:
    response = client.post("/accounts/signup/", {**GOOD, "next": "https://evil.example/"})

    assert response["Location"] == "/circles/new/"
