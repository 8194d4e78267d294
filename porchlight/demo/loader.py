"""Loads the demo circles described in content/demo.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from porchlight.accounts.models import User
from porchlight.circles import services
from porchlight.circles.models import Circle, Membership
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.core.actor import Actor
from porchlight.craft import engine as craft_engine
from porchlight.craft import services as craft_services
from porchlight.journal.services import create_entry
from porchlight.understand.engine import load_demo_answers
from porchlight.understand.services import save_answers

DEMO_FILE = Path(__file__).resolve().parent.parent / "content" / "demo.yaml"


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


class DemoDataError(ContentDataError):
    """content/demo.yaml is broken; the message names the file and the circle."""


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """Read and check demo.yaml (the start-up content check runs this; no database)."""
    read = Reader(path.name, DemoDataError)
    data = read.fields(read_yaml(path, DemoDataError), "", required=("owner", "helpers", "circles"))
    read.fields(data["owner"], "owner", required=("email", "display_name", "password"))
    emails = set()
    for index, helper in enumerate(read.items(data["helpers"], "helpers")):
        entry = read.fields(helper, f"helpers[{index}]", required=("email", "display_name"))
        emails.add(read.text(entry, "email", f"helpers[{index}]"))
    for index, circle in enumerate(read.items(data["circles"], "circles")):
        where = f"circles[{index}]"
        entry = read.fields(
            circle,
            where,
            required=("name", "relationship", "concerns", "country", "members"),
            optional=("story", "journal", "invitation_plan"),
        )
        where = f"circle {read.text(entry, 'name', where)!r}"
        read.texts(entry, "concerns", where)
        if not isinstance(entry["members"], list):
            read.fail(where, "members must be a list")
        for member in entry["members"]:
            member = read.fields(member, f"{where}: members", required=("email", "role"))
            if member["email"] not in emails:
                read.fail(where, f"member {member['email']!r} is not one of the helpers")
        for item in entry.get("journal") or []:
            read.integer(
                read.mapping(item, f"{where}: journal"), "days_ago", where, low=0, high=3650
            )
        if "invitation_plan" in entry:
            _check_invitation_plan(read, entry["invitation_plan"], f"{where}: invitation_plan")
    return dict(data)


def _check_invitation_plan(read: Reader, raw: Any, where: str) -> None:
    craft = craft_engine.load_craft()
    plan = read.fields(
        raw, where, required=(), optional=(*craft_engine.WORKSHEETS, "options", "steps")
    )
    for sheet in craft.worksheets:
        moments = ("good_moments", "avoid_moments") if sheet.id == "invitation" else ()
        answers = read.mapping(plan.get(sheet.id, {}), where)
        read.known_fields(answers, (*sheet.keys, *moments), where)
    for option in plan.get("options") or []:
        fields = (*craft_engine.OPTION_FIELDS[:-1], "checked_days_ago")
        entry = read.fields(option, where, required=fields)
        read.integer(entry, "checked_days_ago", where, low=0, high=3650)
    steps = {step.id for step in craft.steps}
    for step in plan.get("steps") or []:
        entry = read.fields(step, where, required=("step", "days_ago"))
        if entry["step"] not in steps:
            read.fail(where, f"step {entry['step']!r} is not one of {sorted(steps)}")


def _add_invitation_plan(circle: Circle, owner: User, plan: dict[str, Any]) -> None:
    today = timezone.localdate()
    by = Actor(owner)
    for part in craft_engine.WORKSHEETS:
        if part in plan:
            craft_services.save_part(circle=circle, by=by, part=part, value=plan[part])
    options = [
        {
            **{key: value for key, value in option.items() if key != "checked_days_ago"},
            "checked_on": today - dt.timedelta(days=option["checked_days_ago"]),
        }
        for option in plan.get("options") or []
    ]
    if options:
        craft_services.save_part(circle=circle, by=by, part="options", value=options)
    for step in plan.get("steps") or []:
        craft_services.log_step(
            circle=circle,
            by=by,
            step=step["step"],
            happened_on=today - dt.timedelta(days=step["days_ago"]),
        )


def load_demo(path: Path = DEMO_FILE) -> DemoLogin:
    """Create (or refresh) the demo users and circles. Safe to run twice."""
    data = read_demo(path)
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
                    by=Actor(owner),
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
            if spec.get("invitation_plan") and not hasattr(circle, "craft_plan"):
                _add_invitation_plan(circle, owner, spec["invitation_plan"])
            if spec["name"] in demo_answers and not circle.barrier_answers.exists():
                save_answers(circle=circle, author=owner, answers=demo_answers[spec["name"]])
            names.append(circle.name)
    return DemoLogin(email=owner.email, password=owner_spec["password"], circles=names)
