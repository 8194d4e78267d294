from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import Client, TestCase, override_settings

from porchlight.accounts.models import User
from porchlight.core.models import AuditAction, AuditEvent
from tests.conftest import client_for, sign_up_link
from tests.factories import UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

GOOD = {"display_name": "Maria", "email": "Maria@Example.com", "password": "porch light at dusk"}


def test_sign_up_sends_a_link_that_creates_the_account_and_asks_for_a_circle(
    client: Client,
) -> None:
    link = sign_up_link(client, GOOD)
    assert User.objects.count() == 0
    assert mail.outbox[0].to == ["maria@example.com"]

    page = client.get(link)
    response = client.post(link, {"password": GOOD["password"]})

    assert "Type the password you chose for maria@example.com" in text_of(page)
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
    assert client_for(None).get(link).status_code == 404  # the link works once


def test_a_sign_up_link_needs_the_password_chosen_with_it(client: Client) -> None:
    # A stranger signs up with Maria's address: the link reaches Maria, whose own
    # password doesn't finish the stranger's sign-up.
    link = sign_up_link(client, {**GOOD, "password": "the strangers secret"})

    response = client_for(None).post(link, {"password": GOOD["password"]})

    assert response.context["form"].errors["password"] == [
        "That is not the password chosen for this sign-up. "
        "If you did not sign up, you can ignore the e-mail."
    ]
    assert User.objects.count() == 0


def test_production_settings_hash_new_passwords_with_argon2_first() -> None:
    # The tests swap in a fast hasher (tests/conftest.py); the settings module itself must not.
    from porchlight import settings as production  # noqa: PLC0415  the module, not django.conf's copy

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"],
)
def test_passwords_are_hashed_with_argon2(client: Client) -> None:
    client.post(sign_up_link(client, GOOD), {"password": GOOD["password"]})

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


def test_sign_up_with_a_taken_address_answers_the_same_and_tells_its_owner(
    client: Client,
) -> None:
    UserFactory(email="maria@example.com", display_name="Maria")
    with TestCase.captureOnCommitCallbacks(execute=True):
        fresh = client_for(None).post("/accounts/signup/", {**GOOD, "email": "new@example.com"})
        taken = client.post("/accounts/signup/", GOOD)

    assert text_of(taken) == text_of(fresh).replace("new@example.com", "maria@example.com")
    assert "Check your e-mail" in text_of(taken)
    assert mail.outbox[-1].to == ["maria@example.com"]
    assert mail.outbox[-1].body.startswith(
        "Hello Maria,\n\nSomeone tried to sign up for Porchlight with your e-mail address. "
        "You already have an account, so nothing was changed."
    )
    assert User.objects.count() == 1


def test_sign_up_returns_to_a_safe_next_url_only(client: Client) -> None:
    link = sign_up_link(client, {**GOOD, "next": "https://evil.example/"})

    response = client.post(link, {"password": GOOD["password"]})

    assert response["Location"] == "/circles/new/"
