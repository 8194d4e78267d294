from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from porchlight.circles import services
from porchlight.circles.models import Invitation, Membership
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.core.permissions import Role
from tests.conftest import Personas, client_for, sign_up_link
from tests.factories import UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def invite(personas: Personas, role: str = "supporter") -> str:
    response = client_for(personas.alice).post(
        f"/c/{personas.circle.id}/members/invite/", {"label": "Aunt Mia", "role": role}
    )
    assert response.status_code == 200
    return response.context["link"].split("testserver", 1)[1]


def test_owner_gets_a_link_that_adds_the_invitee_with_the_chosen_role(personas: Personas) -> None:
    path = invite(personas, role="professional")
    mia = UserFactory(email="mia@example.com")
    client = client_for(mia)

    page = client.get(path)
    assert "invited you to help support Zephyrine as professional" in text_of(page)
    response = client.post(path)

    assert response.status_code == 302
    assert Membership.objects.get(circle=personas.circle, user=mia).role == Role.PROFESSIONAL
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_ACCEPTED).count() == 1


def test_only_a_digest_of_the_token_is_stored(personas: Personas) -> None:
    path = invite(personas)
    token = path.rstrip("/").rsplit("/", 1)[1]

    stored = Invitation.objects.get()

    assert token not in stored.token_digest
    assert stored.token_digest == services.token_digest(token)


def test_a_used_link_says_so_plainly(personas: Personas) -> None:
    path = invite(personas)
    client_for(UserFactory()).post(path)

    response = client_for(UserFactory()).post(path)

    assert response.status_code == 410
    assert "This invitation has already been used." in text_of(response)
    assert personas.circle.memberships.count() == 4


def test_an_expired_link_says_when_it_expired(personas: Personas) -> None:
    path = invite(personas)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))

    response = client_for(UserFactory()).get(path)

    assert response.status_code == 410
    text = text_of(response)
    assert "This invitation expired on" in text
    assert "Ask the person who sent it for a new one." in text
    assert "Zephyrine" not in text


def test_a_withdrawn_link_no_longer_works(personas: Personas) -> None:
    path = invite(personas)
    invitation = Invitation.objects.get()

    client_for(personas.alice).post(
        f"/c/{personas.circle.id}/invitations/{invitation.id}/withdraw/"
    )
    response = client_for(UserFactory()).post(path)

    assert response.status_code == 410
    assert "This invitation was withdrawn." in text_of(response)


def test_a_made_up_link_is_not_found(db: None) -> None:
    response = client_for(None).get("/invite/made-up-token/")

    assert response.status_code == 404
    assert "This invitation link is not valid." in text_of(response)


def test_anonymous_invitee_is_sent_to_sign_up_and_back(personas: Personas) -> None:
    path = invite(personas)
    client = client_for(None)

    page = client.get(path).content.decode()
    assert f'href="/accounts/signup/?next={path}"' in page
    link = sign_up_link(
        client,
        {
            "display_name": "Mia",
            "email": "mia@example.com",
            "password": "porch light at dusk",
            "next": path,
        },
    )
    response = client.post(link, {"password": "porch light at dusk"})
    assert response["Location"] == path
    client.post(path)

    assert personas.circle.memberships.filter(user__email="mia@example.com").exists()


def test_a_member_cannot_join_twice(personas: Personas) -> None:
    path = invite(personas)

    response = client_for(personas.bob).post(path)

    assert "You are already in Zephyrine's circle." in text_of(response)
    assert Invitation.objects.get().accepted_at is None


def test_invitation_form_explains_missing_fields(personas: Personas) -> None:
    response = client_for(personas.alice).post(
        f"/c/{personas.circle.id}/members/invite/", {"label": "  ", "role": "emperor"}
    )

    errors = response.context["form"].errors
    assert errors["label"] == ["This field is required."]
    assert errors["role"] == ["Select a valid choice. emperor is not one of the available choices."]
