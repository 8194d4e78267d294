"""The circle export as a report to read: the JSON export's content, in words.

The PDF and the JSON hold the same records (`portability.export_circle`); this
module only turns ids into the words the pages use (`warning_signs` → "Warning
signs and triggers", `precontemplation` → "Not thinking about change yet"), dates
into "3 November 2026", and puts the journal in the order things happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from porchlight.boundaries.models import TestResult
from porchlight.circles.models import Membership
from porchlight.coach.forms import GOOD_MOMENTS
from porchlight.coach.models import Outcome
from porchlight.craft import engine as craft_engine
from porchlight.journal.models import EntryKind
from porchlight.notifications.models import NotificationKind
from porchlight.rehearse import content as rehearse_content
from porchlight.safety.plan_sections import plan_template
from porchlight.safety.triage import load_triage
from porchlight.selfcare import engine as checkin
from porchlight.team import engine as team_engine
from porchlight.understand import engine
from porchlight.understand.models import StageRecord


def day(value: str | None) -> str:
    """An ISO date or moment as "3 November 2026" (empty when there is none)."""
    if not value:
        return ""
    return f"{dt.date.fromisoformat(value[:10]):%-d %B %Y}"


def words(value: str) -> str:
    """An id nobody wrote a label for, as words: `keep_supporting` → "Keep supporting"."""
    return value.replace("_", " ").capitalize()


@dataclass
class Item:
    """One record: a heading line, small print, and labelled texts."""

    heading: str
    meta: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    notes: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    items: list[Item]
    empty: str
    intro: str = ""
    key: str = ""


def _by(record: dict[str, Any]) -> str:
    return record.get("author") or "a former member"


def _parts(pairs: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(label, str(text)) for label, text in pairs if text not in (None, "", [])]


def _journal(document: dict[str, Any]) -> list[Item]:
    kinds = dict(EntryKind.choices)
    levels = _levels()
    checks = document["safety_checks"]
    entries = sorted(document["journal_entries"], key=lambda e: (e["happened_on"], e["created_at"]))
    items = []
    for entry in entries:
        meta = [f"written by {_by(entry)}"]
        if entry.get("tension"):
            meta.insert(0, f"tension {entry['tension']} of 5")
        if entry.get("private"):
            meta.append("only you can see it")
        parts = _parts(
            [
                ("What happened", entry.get("happened")),
                ("They said", entry.get("they_said")),
                ("What I tried", entry.get("tried")),
                ("Tags", ", ".join(entry.get("tags") or [])),
            ]
        )
        if entry.get("safety_check") is not None:
            level = checks[entry["safety_check"]]["level"]
            parts.append(("Safety check", levels.get(level, words(level))))
        kind = kinds.get(entry["kind"], words(entry["kind"]))
        items.append(
            Item(
                heading=f"{day(entry['happened_on'])} · {kind}",
                meta=" · ".join(meta),
                parts=parts,
            )
        )
    return items


def _levels() -> dict[str, str]:
    return {text.level: text.title for text in load_triage().levels}


def _checks(document: dict[str, Any]) -> list[Item]:
    levels = _levels()
    return [
        Item(
            heading=f"{day(check['created_at'])} · "
            + levels.get(check["level"], words(check["level"])),
            meta=f"saved by {_by(check)}",
        )
        for check in document["safety_checks"]
    ]


def _plan(document: dict[str, Any], name: str) -> list[Item]:
    titles = {s.key: s.title for s in plan_template().for_person(name)}
    items: list[Item] = []
    for version in reversed(document["safety_plan_versions"]):  # the newest first
        meta = f"saved {day(version['created_at'])} by {_by(version)}"
        if version.get("review_on"):
            meta += f" · review on {day(version['review_on'])}"
        items.append(
            Item(
                heading=f"Version {version['number']}"
                + (" (the current plan)" if not items else ""),
                meta=meta,
                parts=_parts(
                    [(titles.get(k, words(k)), text) for k, text in version["sections"].items()]
                ),
            )
        )
    return items


def _comments(document: dict[str, Any]) -> list[Item]:
    return [
        Item(heading=f"{day(c['created_at'])} · {_by(c)}", parts=_parts([("", c["text"])]))
        for c in document["plan_comments"]
    ]


def _boundaries(document: dict[str, Any]) -> list[Item]:
    results = dict(TestResult.choices)
    items = []
    for b in document["boundaries"]:
        items.append(
            Item(
                heading=b["wont_do"] or b["will_do"],
                meta=f"set {day(b['created_at'])} by {_by(b)}"
                + ("" if b.get("active", True) else " · no longer in use"),
                parts=_parts(
                    [
                        ("What I won't do", b.get("wont_do")),
                        ("What I will do", b.get("will_do")),
                        ("Why", b.get("why")),
                        ("If it is crossed", b.get("if_crossed")),
                        ("How to say it", b.get("how_to_say")),
                    ]
                ),
                notes=[
                    f"{day(t['happened_on'])}: {results.get(t['result'], words(t['result']))}"
                    + (f". {t['note']}" if t.get("note") else "")
                    for t in b.get("tests", [])
                ],
            )
        )
    return items


def _messages(document: dict[str, Any]) -> list[Item]:
    outcomes = dict(Outcome.choices)
    return [
        Item(
            heading=f"{day(m['created_at'])} · {_by(m)}",
            parts=_parts(
                [
                    ("The message", m["text"]),
                    ("How it went", outcomes.get(m.get("outcome") or "", m.get("outcome"))),
                    ("Notes", m.get("outcome_note")),
                ]
            ),
        )
        for m in document["coached_messages"]
    ]


def _conversation_plans(document: dict[str, Any]) -> list[Item]:
    moments = dict(GOOD_MOMENTS)
    return [
        Item(
            heading=f"{day(p['created_at'])} · {p['goal'] or 'A conversation plan'}",
            meta=f"by {_by(p)}",
            parts=_parts(
                [
                    (
                        "A good moment",
                        ", ".join(str(moments.get(m, words(m))) for m in p["moment"]),
                    ),
                    ("When and where", p.get("moment_note")),
                    ("Opening", p.get("opening")),
                    ("Listen for", p.get("listen_for")),
                    ("They might say", p.get("their_words")),
                    ("If they say no", p.get("if_no")),
                    ("Closing", p.get("closing")),
                ]
            ),
        )
        for p in document["conversation_plans"]
    ]


def _understanding(document: dict[str, Any]) -> list[Item]:
    content = engine.load_content()
    barriers = {b.id: b.title for b in content.scoring.barriers}
    return [
        Item(
            heading=f"{day(a['created_at'])} · answers about the refusal",
            meta=f"by {_by(a)} · {_questions(len(a.get('answers') or {}))}",
            parts=_parts(
                [
                    (
                        "Barriers you marked",
                        ", ".join(
                            barriers.get(b, words(b)) for b in a.get("adjusted_barriers") or []
                        ),
                    )
                ]
            ),
        )
        for a in document["barrier_answers"]
    ]


def _questions(count: int) -> str:
    return f"{count} question{'' if count == 1 else 's'} answered"


def _stages(document: dict[str, Any]) -> list[Item]:
    scoring = engine.load_content().scoring
    titles = {s: scoring.stage(s).title for s in scoring.stage_ids}
    sources = dict(StageRecord.Source.choices)
    return [
        Item(
            heading=f"{day(r['created_at'])} · {titles.get(r['stage'], words(r['stage']))}",
            meta=" · ".join(
                [str(sources.get(r.get("source"), "")) or "", f"by {_by(r)}"]
                + (["after a recent setback"] if r.get("recent_relapse") else [])
            ).strip(" ·"),
        )
        for r in document["stage_records"]
    ]


def _rehearsals(document: dict[str, Any]) -> list[Item]:
    scenarios = rehearse_content.load_content().scenarios
    items = []
    for session in document["rehearsals"]:
        scenario = scenarios.get(session["scenario"])
        items.append(
            Item(
                heading=f"{day(session['created_at'])} · "
                + (scenario.title if scenario else words(session["scenario"])),
                meta=f"by {_by(session)}"
                + (" · finished" if session.get("finished_at") else " · not finished")
                + (" · only you can see it" if session.get("private") else ""),
                parts=_parts([("Goal", session.get("goal")), ("Opening", session.get("opening"))]),
                notes=[
                    f"You: {t['text']}" + (f" — They: {t['reply']}" if t.get("reply") else "")
                    for t in session["turns"]
                ],
            )
        )
    return items


def _checkins(document: dict[str, Any]) -> list[Item]:
    bands = {band.id: band.label for band in checkin.load_checkin().bands}
    return [
        Item(heading=f"{day(c['created_at'])} · {bands.get(c['band'], words(c['band']))}",
             meta=f"strain {c['score']} of 100")
        for c in document["checkins"]
    ]  # fmt: skip


def _notifications(document: dict[str, Any]) -> list[Item]:
    labels = dict(NotificationKind.choices)
    return [
        Item(
            heading=f"{day(n['created_at'])} · A member {labels.get(n['kind'], words(n['kind']))}",
            meta=f"read {day(n['read_at'])}" if n["read_at"] else "not read",
        )
        for n in document.get("notifications", [])
    ]


def _selfcare(document: dict[str, Any]) -> list[Item]:
    plan = document["selfcare_plan"]
    if not plan:
        return []
    prompts = {prompt.id: prompt.prompt for prompt in checkin.plan_prompts()}
    return [
        Item(
            heading=f"Updated {day(plan['updated_at'])}",
            parts=_parts([(prompts.get(k, words(k)), text) for k, text in plan["answers"].items()]),
        )
    ]


def _craft(document: dict[str, Any]) -> list[Item]:
    craft = craft_engine.load_craft()
    versions = document["craft_plan_versions"]
    items = []
    if versions:
        latest = versions[-1]
        items.append(
            Item(
                heading=f"Version {latest['number']}",
                meta=f"{day(latest['created_at'])} · {_by(latest)}",
                parts=_parts(craft_engine.readable_rows(latest.get("parts", {}), craft)),
            )
        )
    for step in document["invitation_steps"]:
        items.append(
            Item(heading=f"{day(step['happened_on'])} · {craft.label(craft.steps, step['step'])}")
        )
    items += [
        Item(heading=f"{day(c['created_at'])} · {_by(c)}", parts=_parts([("Comment", c["text"])]))
        for c in document["craft_comments"]
    ]
    return items


def _team(document: dict[str, Any], name: str) -> list[Item]:
    team = team_engine.load_team().for_person(name)
    items = []
    if document["team_plan_versions"]:
        latest = document["team_plan_versions"][-1]
        content = latest["content"]
        roles = {r.id: r.label for r in team.roles}
        steps = {s.id: s.title for s in team.ladder}
        members = [
            f"{m['name']} ({roles.get(m['role'], words(m['role']))})" for m in content["members"]
        ]
        ladder = [
            (
                steps.get(key, words(key)),
                " ".join(v for v in (step.get("do"), step.get("next")) if v),
            )
            for key, step in content.get("steps", {}).items()
        ]
        items.append(
            Item(
                heading=f"Version {latest['number']}",
                meta=f"{day(latest['created_at'])} · {_by(latest)}",
                parts=_parts(
                    [
                        ("The team", ", ".join(members)),
                        ("The step we are on", steps.get(content.get("step", ""), "")),
                        *ladder,
                        ("Plan B", content.get("plan_b")),
                        ("Who follows up", content.get("follow_up")),
                    ]
                ),
            )
        )
    items += [
        Item(heading=f"{day(c['created_at'])} · {_by(c)}", parts=_parts([("Comment", c["text"])]))
        for c in document["team_comments"]
    ]
    items += [
        Item(
            heading=f"Letter from {_by(letter)}" + ("" if letter["shared"] else " (private)"),
            parts=_parts([("", letter["text"]), ("Bottom line", letter["bottom_line"])]),
        )
        for letter in document["team_letters"]
    ]
    return items


def report(document: dict[str, Any], membership: Membership) -> dict[str, Any]:
    """The template's context: the report's sections, in reading order."""
    name = membership.circle.name
    sections = [
        Section("Journal", _journal(document), "No journal entries.",
                "In the order things happened, the oldest first.", "journal"),
        Section("Safety checks", _checks(document), "No saved safety checks.", key="checks"),
        Section("Safety plan", _plan(document, name), "No safety plan.",
                "The current plan first, then earlier versions.", "plan"),
        Section("Comments on the safety plan", _comments(document), "No comments."),
        Section("Boundaries", _boundaries(document), "No boundaries.",
                "With every time a boundary was tested.", "boundaries"),
        Section("Messages planned with the coach", _messages(document), "No messages."),
        Section("Conversation plans", _conversation_plans(document), "No conversation plans."),
        Section("Understanding the refusal", _understanding(document), "No answers saved."),
        Section("Stage of change", _stages(document), "No stage recorded."),
        Section("Rehearsals", _rehearsals(document), "No rehearsals."),
        Section("Inviting to treatment (CRAFT)", _craft(document), "No invitation plan.",
                "The current plan, what happened, and comments.", "craft"),
        Section("Family team plan and letters", _team(document, name), "No team plan.",
                "The current plan, comments, and letters of love and concern.", "team"),
        Section("Your weekly check-ins", _checkins(document), "No check-ins.",
                "Yours alone: only in your own export.", "checkins"),
        Section("Your self-care plan", _selfcare(document), "No self-care plan.",
                "Yours alone: only in your own export.", "selfcare"),
        Section("Your notifications", _notifications(document), "No notifications.",
                "What happened, never who or what was written.", "notifications"),
    ]  # fmt: skip
    return {
        "document": document,
        "circle": membership.circle,
        "exported_on": day(document["exported_at"]),
        "sections": sections,
    }
