"""`porchlight import_circle` checks the whole file before it writes anything.

A malformed export gets a clear message naming the line and the place in the file
(`journal_entries[0].tension`), the command fails, and not one row is written. What
the checks accept must also be something every page of the circle can show.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from porchlight.boundaries.models import Boundary
from porchlight.circles.models import Circle, Membership
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.demo.loader import load_demo
from porchlight.journal.models import JournalEntry
from porchlight.rehearse.models import RehearsalSession
from porchlight.safety import personal_safety
from porchlight.safety.models import SafetyPlan
from porchlight.safety.services import add_comment
from porchlight.selfcare import services as selfcare_services
from porchlight.selfcare.models import CheckIn, SelfCarePlan
from porchlight.yourdata import portability
from porchlight.yourdata.import_check import CircleImportError
from tests.conftest import Personas, client_for
from tests.factories import JournalEntryFactory
from tests.test_role_matrix import walk

pytestmark = pytest.mark.django_db

CALM = {
    "stress": "a_little", "sleep": "well", "support": "plenty", "hope": "fairly_hopeful",
    "own_health": "very_well", "life_taken": "some", "self_harm": "not_at_all",
    "safe_at_home": "safe",
}  # fmt: skip


def row_counts() -> dict[str, int]:
    """Rows of every model that holds what people wrote (the audit log included)."""
    labels = (
        "circles", "journal", "safety", "coach", "understand", "boundaries", "selfcare",
        "rehearse",
    )  # fmt: skip
    counts = {
        model._meta.label: model._default_manager.count()
        for label in labels
        for model in apps.get_app_config(label).get_models()
    }
    counts["audit"] = AuditEvent.objects.count()
    return counts


@pytest.fixture
def export(personas: Personas, populated_circle: object) -> dict[str, Any]:
    """Alice's export of a circle with something in every part."""
    client = client_for(personas.alice)
    client.post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "hinted"})},
    )
    JournalEntryFactory(
        circle=personas.circle, author=personas.alice, tension=3, happened="Only for me.",
        private=True, tags=["money"],
    )  # fmt: skip
    plan = SafetyPlan.objects.get(circle=personas.circle)
    add_comment(plan=plan, by=Actor(personas.carol), text="Add the crisis team's number.")
    selfcare_services.record_checkin(by=Actor(personas.alice), answers=CALM)
    selfcare_services.save_plan(by=Actor(personas.alice), answers={"restores_me": "Swimming"})
    return json.loads(client.get(f"/c/{personas.circle.id}/export.json").content)


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def refused(path: Path) -> str:
    """The command's message for a file it refuses; asserts nothing was written."""
    before = row_counts()
    with pytest.raises(CommandError) as error:
        call_command("import_circle", str(path), "--owner", "dave@example.com")
    assert row_counts() == before
    return str(error.value)


def line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if fragment in line)


Mutation = Callable[[dict[str, Any]], None]


def set_in(*keys: Any, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


def drop(*keys: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target = document
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return mutate


def journal_index(document: dict[str, Any], kind: str) -> int:
    return next(n for n, e in enumerate(document["journal_entries"]) if e["kind"] == kind)


# (mutation, the place named, the message) — each one a way a hand-edited or damaged
# export went wrong before: a traceback, or a circle whose pages then crashed.
MALFORMED: dict[str, tuple[Mutation, str, str]] = {
    "tension as text": (
        set_in("journal_entries", 0, "tension", value="5"),
        "journal_entries[0].tension",
        "should be a whole number, not text",
    ),
    "tension as true": (
        set_in("journal_entries", 0, "tension", value=True),
        "journal_entries[0].tension",
        "should be a whole number, not true",
    ),
    "tension out of range": (
        set_in("journal_entries", 0, "tension", value=9),
        "journal_entries[0].tension",
        "Select a valid choice. 9 is not one of the available choices.",
    ),
    "unknown journal kind": (
        set_in("journal_entries", 0, "kind", value="argument"),
        "journal_entries[0].kind",
        "Select a valid choice. argument is not one of the available choices.",
    ),
    "impossible date": (
        set_in("journal_entries", 0, "happened_on", value="2026-02-30"),
        "journal_entries[0].happened_on",
        "'2026-02-30' is not a date like 2026-03-31",
    ),
    "date in the future": (
        set_in("boundaries", 0, "tests", 0, "happened_on", value="2999-01-01"),
        "boundaries[0].tests[0].happened_on",
        "Choose today or an earlier day.",
    ),
    "time without a zone": (
        set_in("coached_messages", 0, "created_at", value="2026-03-01T10:00:00"),
        "coached_messages[0].created_at",
        "'2026-03-01T10:00:00' has no time zone (add +00:00)",
    ),
    "missing key": (
        drop("journal_entries", 0, "happened"),
        "journal_entries[0].happened",
        "is missing",
    ),
    "unknown key": (
        set_in("boundaries", 0, "colour", value="red"),
        "boundaries[0].colour",
        "is not a field of this export",
    ),
    "text too long for its field": (
        set_in("boundaries", 0, "wont_do", value="x" * 2001),
        "boundaries[0].wont_do",
        "Ensure this value has at most 2000 characters (it has 2001).",
    ),
    "circle name too long": (
        set_in("circle", "name", value="Z" * 41),
        "circle.name",
        "Ensure this value has at most 40 characters (it has 41).",
    ),
    "unknown country": (
        set_in("circle", "country", value="ZZ"),
        "circle.country",
        "Select a valid choice. ZZ is not one of the available choices.",
    ),
    "unknown concern": (
        set_in("circle", "concerns", value=["alcohol", "tea"]),
        "circle.concerns",
        "Select a valid choice. tea is not one of the available choices.",
    ),
    "a record that is not an object": (
        set_in("boundaries", 0, value="lend money"),
        "boundaries[0]",
        "should be an object {…}, not text",
    ),
    "a list that is an object": (
        set_in("stage_records", value={}),
        "stage_records",
        "should be a list […], not an object",
    ),
    "unknown stage": (
        set_in("stage_records", 0, "stage", value="enlightened"),
        "stage_records[0].stage",
        "'enlightened' is not one of:",
    ),
    "unknown triage answer": (
        set_in("safety_checks", 0, "answers", value={"talk_of_dying": "loudly"}),
        "safety_checks[0].answers",
        "unknown option 'loudly' for question 'talk_of_dying'",
    ),
    "unknown barrier": (
        set_in("barrier_answers", 0, "adjusted_barriers", value=["laziness"]),
        "barrier_answers[0]",
        "unknown barrier 'laziness' in adjusted_barriers",
    ),
    "unknown check-in answer": (
        set_in("checkins", 0, "answers", "sleep", value="like a log"),
        "checkins[0].answers",
        "sleep",
    ),
    "check-in score out of range": (
        set_in("checkins", 0, "score", value=140),
        "checkins[0].score",
        "should be from 0 to 100",
    ),
    "unknown safety plan part": (
        set_in("safety_plan_versions", 0, "sections", "weather", value="sunny"),
        "safety_plan_versions[0].sections.weather",
        "'weather' is not one of:",
    ),
    "version number beyond any database's integer": (
        set_in("safety_plan_versions", 0, "number", value=10**20),
        "safety_plan_versions[0].number",
        "should be from 1 to 1000000",
    ),
    "repeated version number": (
        lambda d: d["safety_plan_versions"].append(copy.deepcopy(d["safety_plan_versions"][0])),
        "safety_plan_versions[1].number",
        "version 1 is also safety_plan_versions[0]",
    ),
    "link to a safety check that is not there": (
        lambda d: d["journal_entries"][journal_index(d, "safety_check")].update(safety_check=7),
        ".safety_check",
        "points at safety check 7, but there are 1",
    ),
    "coach feedback of the wrong shape": (
        set_in("coached_messages", 0, "feedback", value={"sentences": "nice"}),
        "coached_messages[0].feedback.sentences",
        "should be a list […], not text",
    ),
    "outcome that does not exist": (
        set_in("coached_messages", 0, "outcome", value="great"),
        "coached_messages[0].outcome",
        "Select a valid choice. great is not one of the available choices.",
    ),
    "NUL character": (
        set_in("conversation_plans", 0, "goal", value="Be\u0000heard"),
        "conversation_plans[0].goal",
        "contains a NUL character",
    ),
    "someone else's private entry": (
        lambda d: d["journal_entries"][journal_index(d, "note")].update(author_is_me=False),
        ".private",
        "only the exporting member's own entries can be private",
    ),
    "rehearsal scenario that does not exist": (
        set_in("rehearsals", 0, "scenario", value="tax_return"),
        "rehearsals[0].scenario",
        "'tax_return' is not one of:",
    ),
    "rehearsal personality the scenario does not have": (
        set_in("rehearsals", 0, "personality", value="yes_but"),
        "rehearsals[0].personality",
        "'yes_but' is not one of: guarded, angry, joking",
    ),
    "someone else's private rehearsal": (
        set_in("rehearsals", 0, "author_is_me", value=False),
        "rehearsals[0].private",
        "only the exporting member's own rehearsals can be private",
    ),
    "rehearsal reply nobody authored": (
        set_in("rehearsals", 0, "turns", 0, "reply", value="My bank PIN is 1234."),
        "rehearsals[0].turns[0].reply",
        "is not a line of this scenario's person",
    ),
    "rehearsal turn too long to say": (
        set_in("rehearsals", 0, "turns", 0, "text", value="x" * 2001),
        "rehearsals[0].turns[0]",
        "That is a lot to say at once.",
    ),
    "rehearsal turns out of order": (
        set_in("rehearsals", 0, "turns", 0, "number", value=2),
        "rehearsals[0].turns[0].number",
        "should be 1: turns are numbered in order",
    ),
    "rehearsal feeling that does not exist": (
        set_in("rehearsals", 0, "turns", 0, "state_after", "level", value="ecstatic"),
        "rehearsals[0].turns[0].state_after.level",
        "'ecstatic' is not one of: shut_down, guard_up, listening, opening_up",
    ),
    "rehearsal trust beyond the scale": (
        set_in("rehearsals", 0, "turns", 0, "state_after", "trust", value=11),
        "rehearsals[0].turns[0].state_after.trust",
        "should be from 0 to 10",
    ),
    "rehearsal link to a plan that is not there": (
        set_in("rehearsals", 0, "plan", value=3),
        "rehearsals[0].plan",
        "points at conversation plan 3, but there are 1",
    ),
    "rehearsal risk alert of an unknown level": (
        set_in("rehearsals", 0, "turns", 0, "alert", value={"level": "meh", "categories": []}),
        "rehearsals[0].turns[0].alert.level",
        "'meh' is not one of: act_now, urgent",
    ),
    "self-care plan prompt that does not exist": (
        set_in("selfcare_plan", "answers", "knitting", value="yes"),
        "selfcare_plan.answers.knitting",
        "'knitting' is not one of:",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_import_refuses_a_malformed_export_and_writes_nothing(
    case: str, export: dict[str, Any], tmp_path: Path
) -> None:
    mutate, place, message = MALFORMED[case]
    document = copy.deepcopy(export)
    mutate(document)
    path = write(tmp_path, document)

    text = refused(path)

    assert "was not imported" in text
    assert "nothing was written" in text
    problem = next(line for line in text.splitlines() if place in line and message in line)
    assert problem.startswith(f"{path}:")


def test_the_message_points_at_the_line_and_the_path(
    export: dict[str, Any], tmp_path: Path
) -> None:
    export["journal_entries"][0]["tension"] = "5"
    path = write(tmp_path, export)

    text = refused(path)

    line = line_of(path, '"tension": "5"')
    assert f"{path}:{line}: journal_entries[0].tension: should be a whole number, not text" in text


def test_every_problem_is_reported_not_just_the_first(
    export: dict[str, Any], tmp_path: Path
) -> None:
    export["journal_entries"][0]["tension"] = 0
    export["boundaries"][0]["why"] = ""
    del export["stage_records"][0]["source"]
    path = write(tmp_path, export)

    text = refused(path)

    assert "(3 problems; nothing was written)" in text
    assert "journal_entries[0].tension" in text
    assert "boundaries[0].why: This field is required." in text
    assert "stage_records[0].source: is missing" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "porchlight-circle-export",\n "version": 1,\n "circle": {', ":3: not valid"),
        ('{"format": "porchlight-circle-export", "format": "x"}', "the key 'format' appears twice"),
        ("[1, 2, 3]", "This is not a Porchlight circle export."),
        ('"just text"', "This is not a Porchlight circle export."),
        ("", ":1: not valid JSON"),
        ('{"format": "porchlight-circle-export", "version": 2}', "we read 1"),
        ('{"a": NaN}', "not valid JSON"),
        ('{"a": 1e999}', "this number is too large"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
)
def test_import_refuses_what_is_not_an_export(
    content: str, message: str, personas: Personas, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")

    assert message in refused(path)


def test_import_refuses_a_file_that_is_not_utf8(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b'{"format": "porchlight-circle-export", "x": "\xff"}')

    assert "not UTF-8 text (byte 45). Nothing was imported." in refused(path)


def test_import_of_a_missing_file_says_so(personas: Personas, tmp_path: Path) -> None:
    assert "Could not read" in refused(tmp_path / "nowhere.json")


def test_import_writes_an_audit_row_with_counts(export: dict[str, Any], tmp_path: Path) -> None:
    call_command(
        "import_circle", str(write(tmp_path, export)), "--owner", "dave@example.com",
        stdout=io.StringIO(),
    )  # fmt: skip

    event = AuditEvent.objects.get(action=AuditAction.CIRCLE_IMPORTED)
    assert event.actor.email == "dave@example.com"
    assert event.details["journal_entries"] == len(export["journal_entries"])
    assert event.details["checkins"] == 1


def test_the_command_line_shows_no_traceback_and_fails(
    export: dict[str, Any], tmp_path: Path
) -> None:
    """The real `porchlight` command, on its own throw-away SQLite database."""
    export["journal_entries"][0]["tension"] = "5"
    path = write(tmp_path, export)
    env = {
        **os.environ,
        "PORCHLIGHT_DATA_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PORCHLIGHT_ENCRYPTION_KEYS": "",
    }
    command = [str(Path(sys.executable).parent / "porchlight")]
    subprocess.run([*command, "migrate", "-v0"], env=env, check=True, timeout=300)
    subprocess.run(
        [*command, "shell", "-c",
         "from porchlight.accounts.models import User; "
         "User.objects.create_user('dave@example.com', 'x' * 20, display_name='Dave')"],
        env=env, check=True, timeout=120,
    )  # fmt: skip

    result = subprocess.run(
        [*command, "import_circle", str(path), "--owner", "dave@example.com"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "journal_entries[0].tension: should be a whole number, not text" in result.stderr


# --- What is accepted can be shown --------------------------------------------------------


def circle_pages(circle: Circle) -> list[str]:
    """Every GET page inside the circle, once per object it can show."""

    objects: dict[str, list[Any]] = {
        "entry_id": list(JournalEntry.objects.filter(circle=circle).values_list("id", flat=True)),
        "message_id": list(
            CoachedMessage.objects.filter(circle=circle).values_list("id", flat=True)
        ),
        "plan_id": list(
            ConversationPlan.objects.filter(circle=circle).values_list("id", flat=True)
        ),
        "boundary_id": list(Boundary.objects.filter(circle=circle).values_list("id", flat=True)),
        "session_id": list(
            RehearsalSession.objects.filter(circle=circle).values_list("id", flat=True)
        ),
        "number": list(
            SafetyPlan.objects.filter(circle=circle).values_list("versions__number", flat=True)
        ),
    }
    urls = []
    for name, pattern in walk(get_resolver().url_patterns):
        converters = set(pattern.pattern.converters)
        if "circle_id" not in converters or converters - {"circle_id", *objects}:
            continue
        (key,) = converters - {"circle_id"} or {None}
        for value in objects[key] if key else [None]:
            if key and value is None:
                continue
            kwargs = {"circle_id": circle.id, **({key: value} if key else {})}
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def assert_every_page_renders(circle: Circle, owner: Any) -> None:
    personal_safety.record_answer(
        membership=Membership.objects.get(circle=circle, user=owner), afraid=False
    )
    client = client_for(owner)
    for url in circle_pages(circle):
        response = client.get(url)
        assert response.status_code < 500, url


def test_an_accepted_export_shows_on_every_page(export: dict[str, Any], personas: Personas) -> None:
    imported = portability.import_circle(export, owner=personas.dave)

    pages = circle_pages(imported.circle)
    assert len(pages) > 40
    assert_every_page_renders(imported.circle, personas.dave)


# Values a damaged or hand-edited file might hold in any place.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", "2026-02-30", "1999-12-31", "0001-01-01", "x" * 5000, "calm", "held"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


# Texts that are valid somewhere in an export, tried in other places.
SAME_KIND_TEXTS = st.sampled_from(
    ["", "act_now", "held", "calm", "note", "GB", "owner", "precontemplation", "2020-01-01",
     "2026-01-01T00:00:00+00:00", "1970-01-01T00:00:00+14:00", "at_risk", "estimate"]
)  # fmt: skip


def paths_in(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += paths_in(item, (*path, n))
    return found


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = paths_in(result)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = result
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "same_kind", "same_kind", "delete", "add"]))
        current = parent[path[-1]]
        if action == "same_kind" and isinstance(current, bool):
            parent[path[-1]] = draw(st.booleans())
        elif action == "same_kind" and isinstance(current, int):
            parent[path[-1]] = draw(st.integers(min_value=-3, max_value=200))
        elif action == "same_kind" and isinstance(current, str):
            parent[path[-1]] = draw(st.one_of(st.text(max_size=50), SAME_KIND_TEXTS))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(ODD_VALUES)
        else:
            parent[path[-1]] = draw(ODD_VALUES)
    return result


@settings(
    max_examples=int(os.environ.get("IMPORT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_export_is_refused_cleanly_or_shown_everywhere(
    data: st.DataObject, export: dict[str, Any], personas: Personas
) -> None:
    document = data.draw(mutated(export))
    text = json.dumps(document, ensure_ascii=False, indent=2)
    with transaction.atomic():
        before = row_counts()
        try:
            parsed, lines = portability.read_export(text)
            imported = portability.import_circle(parsed, owner=personas.dave, lines=lines)
        except CircleImportError as error:
            problems = error.problems
        else:
            problems = []
            event("accepted")
            assert_every_page_renders(imported.circle, personas.dave)
        if problems:
            event("refused")
            assert all(p.message and p.describe("f.json").startswith("f.json") for p in problems)
            assert row_counts() == before
        transaction.set_rollback(True)


def test_every_demo_circle_exports_and_imports_back_the_same(personas: Personas) -> None:

    login = load_demo()
    owner = type(personas.dave).objects.get(email=login.email)

    for membership in Membership.objects.filter(user=owner).select_related("circle", "user"):
        original = portability.export_circle(membership)
        parsed, lines = portability.read_export(json.dumps(original, indent=2))
        imported = portability.import_circle(parsed, owner=personas.dave, lines=lines)
        again = portability.export_circle(
            Membership.objects.get(circle=imported.circle, user=personas.dave)
        )
        for document in (original, again):
            for key in ("exported_at", "exported_by", "checkins", "selfcare_plan"):
                document.pop(key)
            for kind in (*portability.FIELDS, "rehearsals"):
                for record in document[kind]:
                    record.pop("author")
        assert again == original, membership.circle.name


def test_an_export_from_before_comments_and_selfcare_still_imports(
    export: dict[str, Any], personas: Personas
) -> None:
    for key in ("plan_comments", "checkins", "selfcare_plan"):
        del export[key]

    imported = portability.import_circle(export, owner=personas.dave)

    assert imported.counts["journal_entries"] == len(export["journal_entries"])
    assert imported.counts["checkins"] == 0


def test_importing_keeps_the_owners_own_selfcare_plan_and_adds_checkins_once(
    export: dict[str, Any], personas: Personas, tmp_path: Path
) -> None:

    selfcare_services.save_plan(by=Actor(personas.dave), answers={"restores_me": "Long walks"})
    path = write(tmp_path, export)
    out = io.StringIO()

    call_command("import_circle", str(path), "--owner", "dave@example.com", stdout=out)
    call_command("import_circle", str(path), "--owner", "dave@example.com", stdout=io.StringIO())

    assert "Your own self-care plan was kept; the one in the file was not used." in out.getvalue()
    assert SelfCarePlan.objects.get(user=personas.dave).answers == {"restores_me": "Long walks"}
    assert CheckIn.objects.filter(user=personas.dave).count() == len(export["checkins"]) == 1
