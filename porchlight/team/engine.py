"""The family team plan's content and rules, in plain Python (no Django).

The content (content/team/team_plan.yaml) holds the roles, the ARISE-style ladder, the
risk questions, the professional-first and act-now texts and the letter guidance.
The rules here decide two things:

- whether the plan must say "work with a professional first" (violence, self-harm
  history, psychosis or mixed substances, from the plan's own questions or from what
  the circle already records), and
- what in a letter or a bottom line should change (the coach's roadblocks that blame,
  threaten or label, and a bottom line that is a demand rather than "what I will do").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.boundaries.engine import THREAT_PHRASES
from porchlight.content.reader import ContentDataError, Reader, read_yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
TEAM_FILE = CONTENT_DIR / "team" / "team_plan.yaml"

RISK_IDS = ("violence", "self_harm", "psychosis", "mixed_substances")
#: Reasons that do not come from the plan's own questions.
OTHER_REASONS = ("afraid", "concern_psychosis", "saved_check")

_TOP = (
    "reviewed", "sources", "intro", "evidence", "roles", "ladder", "stop_rule",
    "risk_questions", "professional_first", "act_now", "letters", "cards",
)  # fmt: skip
_LETTERS = (
    "intro", "private_note", "prompts", "bottom_line_help", "flagged_blocks", "change_hint",
)  # fmt: skip
_THREAT_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(p) for p in THREAT_PHRASES) + r")(?![\w'])",
    re.IGNORECASE,
)
_I_START = re.compile(r"^\s*(?:I|I'll|I'm|I've|If I|When I)\b")


class TeamDataError(ContentDataError):
    """content/team/team_plan.yaml is broken; the message names the place."""


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    card: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    about: str
    do_prompt: str
    next_prompt: str


@dataclass(frozen=True)
class RiskQuestion:
    id: str
    text: str


@dataclass(frozen=True)
class LetterGuide:
    intro: str
    private_note: str
    prompts: tuple[str, ...]
    bottom_line_help: str
    flagged_blocks: tuple[str, ...]
    change_hint: str


@dataclass(frozen=True)
class TeamContent:
    reviewed: str
    sources: tuple[str, ...]
    intro: tuple[str, ...]
    evidence: tuple[str, ...]
    roles: tuple[Role, ...]
    ladder: tuple[Step, ...]
    stop_rule: str
    risk_questions: tuple[RiskQuestion, ...]
    professional_first_title: str
    professional_first_text: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...]  # (reason id, text)
    act_now_title: str
    act_now_text: str
    letters: LetterGuide
    card_footer: str

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def for_person(self, name: str) -> TeamContent:
        """The same content with {name} filled in (the loved one's name)."""
        return _fill(self, name)


def parse_team(raw: Any, name: str = "team_plan.yaml") -> TeamContent:
    read = Reader(name, TeamDataError)
    top = read.fields(raw, "", required=_TOP)
    roles = tuple(
        Role(
            id=read.id(item.get("id"), f"roles[{n}]"),
            label=read.text(item, "label", f"roles[{n}]"),
            card=read.text(item, "card", f"roles[{n}]"),
        )
        for n, item in enumerate(read.items(top["roles"], "roles"))
        if read.fields(item, f"roles[{n}]", required=("id", "label", "card"))
    )
    read.unique((r.id for r in roles), "role")
    step_fields = ("id", "title", "about", "do_prompt", "next_prompt")
    ladder = tuple(
        Step(
            id=read.id(item.get("id"), f"ladder[{n}]"),
            **{f: read.text(item, f, f"ladder[{n}]") for f in step_fields[1:]},
        )
        for n, item in enumerate(read.items(top["ladder"], "ladder"))
        if read.fields(item, f"ladder[{n}]", required=step_fields)
    )
    read.unique((s.id for s in ladder), "ladder step")
    questions = tuple(
        RiskQuestion(
            id=read.id(item.get("id"), f"risk_questions[{n}]"),
            text=read.text(item, "text", f"risk_questions[{n}]"),
        )
        for n, item in enumerate(read.items(top["risk_questions"], "risk_questions"))
        if read.fields(item, f"risk_questions[{n}]", required=("id", "text"))
    )
    if tuple(q.id for q in questions) != RISK_IDS:
        read.fail("risk_questions", f"must be, in order: {', '.join(RISK_IDS)}")
    first = read.fields(
        top["professional_first"], "professional_first", required=("title", "text", "reasons")
    )
    reasons_raw = read.mapping(first["reasons"], "professional_first.reasons")
    if set(reasons_raw) != {*RISK_IDS, *OTHER_REASONS}:
        read.fail("professional_first.reasons", "must give a reason for every risk")
    where = "professional_first.reasons"
    reasons = tuple((key, read.text(reasons_raw, key, where)) for key in reasons_raw)
    act_now = read.fields(top["act_now"], "act_now", required=("title", "text"))
    letters = read.fields(top["letters"], "letters", required=_LETTERS)
    cards = read.fields(top["cards"], "cards", required=("footer",))
    return TeamContent(
        reviewed=str(top["reviewed"]),
        sources=read.texts(top, "sources", ""),
        intro=read.texts(top, "intro", ""),
        evidence=read.texts(top, "evidence", ""),
        roles=roles,
        ladder=ladder,
        stop_rule=read.text(top, "stop_rule", ""),
        risk_questions=questions,
        professional_first_title=read.text(first, "title", "professional_first"),
        professional_first_text=read.texts(first, "text", "professional_first"),
        reasons=reasons,
        act_now_title=read.text(act_now, "title", "act_now"),
        act_now_text=read.text(act_now, "text", "act_now"),
        letters=LetterGuide(
            intro=read.text(letters, "intro", "letters"),
            private_note=read.text(letters, "private_note", "letters"),
            prompts=read.texts(letters, "prompts", "letters"),
            bottom_line_help=read.text(letters, "bottom_line_help", "letters"),
            flagged_blocks=read.texts(letters, "flagged_blocks", "letters"),
            change_hint=read.text(letters, "change_hint", "letters"),
        ),
        card_footer=read.text(cards, "footer", "cards"),
    )


@cache
def load_team(path: Path = TEAM_FILE) -> TeamContent:
    return parse_team(read_yaml(path, TeamDataError), path.name)


def _fill(content: TeamContent, name: str) -> TeamContent:
    def f(text: str) -> str:
        return text.replace("{name}", name)

    def fs(texts: Iterable[str]) -> tuple[str, ...]:
        return tuple(f(t) for t in texts)

    letters = content.letters
    return TeamContent(
        reviewed=content.reviewed,
        sources=content.sources,
        intro=fs(content.intro),
        evidence=fs(content.evidence),
        roles=tuple(Role(r.id, f(r.label), f(r.card)) for r in content.roles),
        ladder=tuple(
            Step(s.id, f(s.title), f(s.about), f(s.do_prompt), f(s.next_prompt))
            for s in content.ladder
        ),
        stop_rule=f(content.stop_rule),
        risk_questions=tuple(RiskQuestion(q.id, f(q.text)) for q in content.risk_questions),
        professional_first_title=f(content.professional_first_title),
        professional_first_text=fs(content.professional_first_text),
        reasons=tuple((key, f(text)) for key, text in content.reasons),
        act_now_title=f(content.act_now_title),
        act_now_text=f(content.act_now_text),
        letters=LetterGuide(
            intro=f(letters.intro),
            private_note=f(letters.private_note),
            prompts=fs(letters.prompts),
            bottom_line_help=f(letters.bottom_line_help),
            flagged_blocks=letters.flagged_blocks,
            change_hint=f(letters.change_hint),
        ),
        card_footer=f(content.card_footer),
    )


# --- Safety: professional first, act now first ----------------------------------------


#: Saved-check answers (content/triage.yaml) that mean the same as a plan risk.
CHECK_ANSWERS: dict[str, dict[str, frozenset[str]]] = {
    "violence": {"violence": frozenset({"happening_now", "threats"})},
    "self_harm": {
        "past_attempt": frozenset({"happened"}),
        "self_harm": frozenset({"badly_hurt", "happening"}),
    },
    "psychosis": {"psychosis": frozenset({"with_risk", "distressed", "without_risk"})},
}


def _chosen(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return set()


def risks_in_check(answers: Mapping[str, Any]) -> set[str]:
    """The plan risks a saved safety check's answers show."""
    found = {
        risk
        for risk, questions in CHECK_ANSWERS.items()
        if any(_chosen(answers.get(q)) & wanted for q, wanted in questions.items())
    }
    if {"heavy_drinking", "benzos"} <= _chosen(answers.get("heavy_use")):
        found.add("mixed_substances")
    return found


@dataclass(frozen=True)
class SafetyView:
    """What the plan page shows first: act now, then "professional first" with reasons."""

    act_now: bool
    reasons: tuple[str, ...]  # reason ids, in the content's order

    @property
    def professional_first(self) -> bool:
        return bool(self.reasons)


def safety_view(
    *,
    answered: Iterable[str],
    checks: Sequence[tuple[str, Mapping[str, Any]]] = (),
    concerns: Iterable[str] = (),
    afraid: bool = False,
) -> SafetyView:
    """Combine the plan's own answers with what the circle records.

    ``checks`` are the circle's saved safety checks this member may see, newest first,
    as (level, answers): the newest one's act-now level puts the act-now path first,
    and any of them showing a plan risk asks for a professional first.
    """
    found = {risk for risk in answered if risk in RISK_IDS}
    from_checks: set[str] = set()
    for _, answers in checks:
        from_checks |= risks_in_check(answers)
    found |= from_checks
    if afraid:
        found.add("afraid")
    if "psychosis" in set(concerns) and "psychosis" not in found:
        found.add("concern_psychosis")
    if from_checks - set(answered):
        found.add("saved_check")
    order = (*RISK_IDS, *OTHER_REASONS)
    act_now = bool(checks) and checks[0][0] == "act_now"
    return SafetyView(act_now=act_now, reasons=tuple(r for r in order if r in found))


# --- Letters and bottom lines ---------------------------------------------------------


@dataclass(frozen=True)
class LetterFlag:
    """One thing to change: the words, what kind of roadblock, and what to do instead."""

    kind: str  # a roadblock name from the coach, or "bottom_line"
    title: str
    evidence: str
    change: str
    example: str = ""


def letter_flags(analysis: Mapping[str, Any], *, guide: LetterGuide) -> tuple[LetterFlag, ...]:
    """The coach's roadblocks in a letter that blame, threaten or label, with what to change.

    ``analysis`` is the coach's reading (porchlight.coach.feedback.analyse) of the letter:
    each sentence lists its roadblocks, what to do ``instead`` and example rewordings.
    """
    flagged = set(guide.flagged_blocks)
    flags: list[LetterFlag] = []
    seen: set[tuple[str, str]] = set()
    for sentence in analysis.get("sentences", []):
        suggestions = [s for s in sentence.get("suggestions") or [] if isinstance(s, str)]
        for block in sentence.get("roadblocks", []):
            name = str(block.get("name", ""))
            evidence = str(block.get("evidence") or sentence.get("text", ""))
            if name not in flagged or (name, evidence) in seen:
                continue
            seen.add((name, evidence))
            flags.append(
                LetterFlag(
                    kind=name,
                    title=str(block.get("title") or name),
                    evidence=evidence,
                    change=str(sentence.get("instead") or guide.change_hint),
                    example=suggestions[0] if suggestions else "",
                )
            )
    return tuple(flags)


def bottom_line_flags(text: str) -> tuple[LetterFlag, ...]:
    """A bottom line must be a boundary (what I will do), not a threat or a demand."""
    text = text.strip()
    if not text:
        return ()
    flags = []
    threat = _THREAT_RE.search(text)
    if threat:
        flags.append(
            LetterFlag(
                "bottom_line",
                "A threat or a demand",
                threat.group(1),
                'Say what you will do, starting with "I will", and drop the demand.',
            )
        )
    if not _I_START.match(text):
        flags.append(
            LetterFlag(
                "bottom_line",
                "Not about what you will do",
                text[:60],
                'Start with "I will" or "I won\'t": a boundary is about your own actions.',
            )
        )
    return tuple(flags)
