"""A new supporter signs up, starts a circle and brings a second person in."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from porchlight.circles.models import Circle, Membership
from porchlight.core.permissions import Role
from tests.factories import CircleFactory, MembershipFactory, UserFactory

PASSWORD = "porch light at dusk"


def sign_up(page: Any, base: str, name: str, email: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    # The account is made when the e-mailed link is opened, with the password typed again.
    link = re.search(r"https?://\S+/accounts/signup/finish/\S+/", mail.outbox[-1].body)
    assert link is not None
    page.goto(link.group(0))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Finish").click()


def test_sign_up_create_circle_invite_and_accept(live_server: Any, new_page: Any) -> None:
    maria = new_page()
    maria.goto(live_server.url)
    maria.get_by_role("link", name="Create a free account").click()
    sign_up(maria, live_server.url, "Maria", "maria@example.com")

    # Creating the circle: a mistake first, and nothing typed is lost.
    maria.get_by_label("Their first name or a nickname").fill("Dan")
    maria.get_by_label("My partner").check()
    maria.get_by_role("button", name="Create the circle").click()
    assert maria.get_by_text("Choose at least one thing that worries you.").is_visible()
    assert maria.get_by_label("Their first name or a nickname").input_value() == "Dan"
    maria.get_by_label("Alcohol").check()
    maria.get_by_label("Which country do they live in?").select_option("US")
    maria.get_by_role("button", name="Create the circle").click()
    assert maria.get_by_role("heading", level=1).inner_text() == "Dan"
    assert maria.get_by_text("Dan's circle is ready.").is_visible()

    # Inviting a second person.
    maria.get_by_role("link", name="Invite someone").click()
    maria.get_by_label("Who is this invitation for?").fill("Jordan")
    maria.get_by_label(re.compile(r"^\s*Supporter:")).check()
    maria.get_by_role("button", name="Create invitation link").click()
    link = maria.get_by_label("Invitation link").input_value()
    assert "/invite/" in link

    # Jordan opens the link in another browser, signs up, and lands in the circle.
    jordan = new_page()
    jordan.goto(link)
    assert "Maria invited you to help support Dan as supporter" in jordan.inner_text("main")
    jordan.get_by_role("link", name="Create an account").click()
    sign_up(jordan, live_server.url, "Jordan", "jordan@example.com")
    jordan.get_by_role("button", name="Join the circle").click()
    assert jordan.get_by_text("Welcome to Dan's circle.").is_visible()
    assert jordan.get_by_role("heading", level=1).inner_text() == "Dan"

    circle = Circle.objects.get(name="Dan")
    assert sorted(Membership.objects.filter(circle=circle).values_list("user__email", "role")) == [
        ("jordan@example.com", "supporter"),
        ("maria@example.com", "owner"),
    ]

    # The same link does not work twice.
    third = new_page()
    third.goto(link)
    assert "This invitation has already been used." in third.inner_text("main")


def test_owner_changes_a_role_in_place_with_htmx(live_server: Any, page: Any) -> None:

    owner = UserFactory(email="owner@example.com", display_name="Olive", password=PASSWORD)
    circle = CircleFactory(name="Ren", created_by=owner)
    MembershipFactory(circle=circle, user=owner, role=Role.OWNER)
    member = MembershipFactory(
        circle=circle, user=UserFactory(display_name="Pat"), role=Role.SUPPORTER
    )
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail address").fill("owner@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/c/{circle.id}/members/")

    row = page.locator(f"#member-{member.id}")
    row.get_by_label("Role").select_option("professional")
    row.get_by_role("button", name="Change role").click()

    page.locator(f"#member-{member.id} .saved").wait_for()
    assert page.url.endswith(f"/c/{circle.id}/members/")  # no full page load
    member.refresh_from_db()
    assert member.role == Role.PROFESSIONAL
