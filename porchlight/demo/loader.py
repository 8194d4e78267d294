"""Loads the demo circles described in demo/demo.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from porchlight.accounts.models import User
from porchlight.circles import services
from porchlight.circles.models import Circle, Membership
from porchlight.core.actor import Actor
from porchlight.journal.services import create_entry
from porchlight.understand.engine import load_demo_answers
from porchlight.understand.services import save_answers

DEMO_FILE = Path(__file__).resolve().parent / "demo.yaml"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    circles: list[str]


def _user(email: str, display_name: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password, display_name=display_name)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _add_journal(circle: Circle, author: User, entries: list[dict[str, Any]]) -> None:
    today = timezone.localdate()
    for item in entries:
        data = {k: v for k, v in item.items() if k != "days_ago"}
        data["happened_on"] = today - dt.timedelta(days=item["days_ago"])
        create_entry(circle=circle, by=Actor(author), data=data)


def load_demo(path: Path = DEMO_FILE) -> DemoLogin:
    """Create (or refresh) the demo users and circles. Safe to run twice."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    owner_spec = data["owner"]
    demo_answers = load_demo_answers()
    with transaction.atomic():
        owner = _user(owner_spec["email"], owner_spec["display_name"], owner_spec["password"])
        helpers = {
            spec["email"]: _user(spec["email"], spec["display_name"], owner_spec["password"])
            for spec in data["helpers"]
        }
        names = []
        for spec in data["circles"]:
            circle = Circle.objects.filter(created_by=owner, name=spec["name"]).first()
            if circle is None:
                circle = services.create_circle(
                    user=owner,
                    name=spec["name"],
                    relationship=spec["relationship"],
                    concerns=spec["concerns"],
                    country=spec["country"],
                )
            for member in spec["members"]:
                Membership.objects.get_or_create(
                    circle=circle, user=helpers[member["email"]], defaults={"role": member["role"]}
                )
            if spec.get("journal") and not circle.journal_entries.exists():
                _add_journal(circle, owner, spec["journal"])
            if spec["name"] in demo_answers and not circle.barrier_answers.exists():
                save_answers(circle=circle, author=owner, answers=demo_answers[spec["name"]])
            names.append(circle.name)
    return DemoLogin(email=owner.email, password=owner_spec["password"], circles=names)
