from __future__ import annotations

import pytest

from porchlight.circles import services
from porchlight.circles.models import Membership
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.core.permissions import Role
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_owner_changes_a_role_and_it_is_audited(personas: Personas) -> None:
    bob = personas.membership(personas.bob)

    response = client_for(personas.alice).post(
        f"/c/{personas.circle.id}/members/{bob.id}/role/", {"role": "owner"}, follow=True
    )

    assert "Bob is now owner." in text_of(response)
    bob.refresh_from_db()
    assert bob.role == Role.OWNER
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert (event.subject_label, event.details) == (
        "bob@example.com",
        {"from": "supporter", "to": "owner"},
    )


def test_role_change_over_htmx_returns_just_the_row(personas: Personas) -> None:
    carol = personas.membership(personas.carol)

    response = client_for(personas.alice).post(
        f"/c/{personas.circle.id}/members/{carol.id}/role/",
        {"role": "supporter"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.strip().startswith(f'<li class="card member" id="member-{carol.id}">')
    assert "Saved." in html
    assert "<html" not in html


def test_the_last_owner_cannot_stop_being_owner(personas: Personas) -> None:
    alice = personas.membership(personas.alice)
    client = client_for(personas.alice)
    bob = personas.membership(personas.bob)
    client.post(f"/c/{personas.circle.id}/members/{bob.id}/role/", {"role": "owner"})
    client.post(f"/c/{personas.circle.id}/members/{bob.id}/role/", {"role": "supporter"})

    # Alice is alone again as owner; Bob (now supporter) can't change her role, and
    # the rule holds at the service level too.

    with pytest.raises(services.CircleRuleError, match="at least one owner"):
        services.change_role(membership=alice, role=Role.SUPPORTER, by=Actor(personas.alice))


def test_owner_removes_a_member_after_confirming(personas: Personas) -> None:
    bob = personas.membership(personas.bob)
    client = client_for(personas.alice)
    url = f"/c/{personas.circle.id}/members/{bob.id}/remove/"

    confirm = client.get(url)
    assert "Remove Bob from Zephyrine's circle?" in text_of(confirm)
    assert Membership.objects.filter(id=bob.id).exists()
    client.post(url)

    assert not Membership.objects.filter(id=bob.id).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.MEMBER_REMOVED, subject_label="bob@example.com"
    ).exists()
    assert client_for(personas.bob).get(f"/c/{personas.circle.id}/").status_code == 404


def test_a_supporter_leaves_and_loses_access(personas: Personas) -> None:
    client = client_for(personas.bob)

    client.post(f"/c/{personas.circle.id}/leave/")

    assert client.get(f"/c/{personas.circle.id}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_LEFT).count() == 1


def test_the_only_owner_is_told_how_to_leave(personas: Personas) -> None:
    response = client_for(personas.alice).post(f"/c/{personas.circle.id}/leave/")

    assert response.status_code == 409
    assert "You are the only owner." in text_of(response)
    assert personas.circle.memberships.filter(user=personas.alice).exists()


def test_members_of_another_circle_cannot_be_reached_through_mine(personas: Personas) -> None:
    dave = Membership.objects.get(user=personas.dave)

    response = client_for(personas.alice).post(
        f"/c/{personas.circle.id}/members/{dave.id}/role/", {"role": "supporter"}
    )

    assert response.status_code == 404
    dave.refresh_from_db()
    assert dave.role == Role.OWNER


def test_activity_log_shows_what_happened_without_free_text(personas: Personas) -> None:
    client = client_for(personas.alice)
    client.post(
        f"/c/{personas.circle.id}/members/invite/", {"label": "Aunt Mia", "role": "supporter"}
    )

    text = text_of(client.get(f"/c/{personas.circle.id}/activity/"))

    assert "Invitation created Alice Aunt Mia" in text
