"""`porchlight risk`, `coach` and `reflect`: JSON lines in, JSON lines out.

Plain Python (no Django). ``risk`` and ``coach`` read JSON lines ``{"id", "text"}``
on stdin, ``reflect`` reads ``{"id", "prompt", "reply"}``; each writes one result
line per input line (the shapes are in ../shared/DESIGN.md, "Command-line
contract"). One error contract for all three: a line that is not a JSON object
with the string fields is reported on stderr as
``line N: expected {"id", "text"}: <why>`` (``{"id", "prompt", "reply"}`` for
``reflect``), gets no output line, and the rest are still answered; the exit
status is then 2 (0 when every line was answered).

With text as arguments instead of stdin, ``risk`` prints one result, ``coach``
prints a readable report and ``reflect --prompt "..." "reply"`` a readable verdict.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from porchlight.language import labels as label_rules
from porchlight.language import risk as risk_detector
from porchlight.language.coach import MessageAnalysis, analyse_message, to_json

if TYPE_CHECKING:
    from porchlight.language.reflect import Verdict

BAD_INPUT = 2  # the exit status when any line could not be read


def run_jsonl(
    answer: Callable[..., dict[str, Any]],
    stdin: IO[str],
    stdout: IO[str],
    stderr: IO[str],
    fields: tuple[str, ...] = ("text",),
) -> int:
    """One output line per good input line; bad lines go to stderr. Returns the exit status.

    ``answer`` gets the string ``fields`` of the line, in order, then its ``id``.
    """
    status = 0
    expected = "{" + ", ".join(f'"{name}"' for name in ("id", *fields)) + "}"
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise TypeError("a line must be a JSON object")
            values = [item[name] for name in fields]
            for name, value in zip(fields, values, strict=True):
                if not isinstance(value, str):
                    raise TypeError(f"{name} must be a string")
        except (ValueError, KeyError, TypeError) as error:
            print(f"line {number}: expected {expected}: {error}", file=stderr)
            status = BAD_INPUT
            continue
        result = answer(*values, item.get("id"))
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return status


def _risk_line(text: str, ident: Any) -> dict[str, Any]:
    return {"id": ident, **risk_detector.analyse(text).to_dict()}


def _coach_line(text: str, ident: Any) -> dict[str, Any]:
    return to_json(analyse_message(text), ident)


def risk(argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """``porchlight risk``: {"id","text"} in, {"id","level","categories","who","evidence"} out."""
    out = stdout or sys.stdout
    if argv:
        result = risk_detector.analyse(" ".join(argv)).to_dict()
        out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    return run_jsonl(_risk_line, stdin or sys.stdin, out, sys.stderr)


def coach(argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """``porchlight coach``: {"id","text"} in, {"id","behaviour",...} out; or a report."""
    out = stdout or sys.stdout
    if argv:
        out.write(format_report(analyse_message(" ".join(argv))) + "\n")
        return 0
    return run_jsonl(_coach_line, stdin or sys.stdin, out, sys.stderr)


def _reflect_line(prompt: str, reply: str, ident: Any) -> dict[str, Any]:
    from porchlight.language import reflect as grader  # noqa: PLC0415  loads its model only for reflect

    return {"id": ident, **grader.grade(prompt, reply).to_dict()}


def reflect(argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """``porchlight reflect``: {"id","prompt","reply"} in, {"id","quality","score","why"} out.

    With ``--prompt "..." reply words`` it prints a readable verdict instead.
    """
    out = stdout or sys.stdout
    if argv:
        parser = argparse.ArgumentParser(
            prog="porchlight reflect",
            description="Grade a reply as a reflection of what they said.",
        )
        parser.add_argument("--prompt", default="", help="what your loved one said")
        parser.add_argument("reply", nargs="+", help="what you would say back")
        args = parser.parse_args(argv)  # a usage error exits with status 2, like a bad line
        from porchlight.language import reflect as grader  # noqa: PLC0415  loads its model only for reflect

        out.write(format_verdict(grader.grade(args.prompt, " ".join(args.reply))) + "\n")
        return 0
    return run_jsonl(_reflect_line, stdin or sys.stdin, out, sys.stderr, ("prompt", "reply"))


QUALITY_NAMES = {
    2: "complex reflection",
    1: "simple reflection",
    0: "not a reflection, or a poor one",
}


def format_verdict(verdict: Verdict, width: int = 78) -> str:
    """A plain-text verdict for the terminal (`porchlight reflect --prompt "..." "reply"`)."""
    lines = ["Reflection grade", "=" * 16]
    lines.append(f"Quality: {verdict.quality} of 2 ({QUALITY_NAMES[verdict.quality]})")
    lines.append(f"Score: {verdict.score:.2f} (0 to 2; higher is a better reflection)")
    lines += textwrap.wrap("Why: " + verdict.why, width=width, subsequent_indent="  ")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}%"


def format_report(result: MessageAnalysis, width: int = 78) -> str:
    """A plain-text report for the terminal (`porchlight coach "some text"`)."""

    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(
            text, width=width, initial_indent=indent, subsequent_indent=indent + "  "
        ) or [indent]

    lines = ["Conversation coach", "=" * 18]
    for note in result.notes:
        lines += wrap("Note: " + note, "")
    if not result.sentences:
        return "\n".join(lines)
    for i, s in enumerate(result.sentences, 1):
        lines.append("")
        lines += wrap(f"{i}. \u201c{s.text}\u201d", "")
        kind = s.behaviour.replace("_", " ")
        if s.question_type:
            kind = f"{s.question_type} {kind}"
        if s.reflection_type:
            kind = f"{s.reflection_type} {kind}"
        conf = s.probabilities.get(s.model_behaviour, 0.0)
        extra = f" (classifier: {s.model_behaviour.replace('_', ' ')}, {conf:.0%}"
        extra += f"; {s.behaviour_rule})" if s.behaviour_rule else ")"
        lines.append(f"   Behaviour: {kind}{extra}")
        if s.labels:
            titles = ", ".join(label_rules.describe(lab)["title"] for lab in s.labels)
            lines.append("   Labels: " + titles)
        for r in s.roadblocks:
            lines += wrap(f"Roadblock: {r.title} \u2014 \u201c{r.evidence}\u201d", "   ")
        lines += wrap("How it may land: " + s.lands, "   ")
        if s.suggestions:
            if s.instead:
                lines += wrap("Instead: " + s.instead, "   ")
            lines.append("   Try saying:")
            for text in s.suggestions:
                lines += wrap("- " + text, "     ")
    m = result.summary
    kind = result.behaviour.replace("_", " ")
    model = result.message_model_behaviour
    conf = result.message_probabilities.get(model, 0.0)
    extra = f" (classifier: {model.replace('_', ' ')}, {conf:.0%}"
    extra += f"; {result.message_behaviour_rule})" if result.message_behaviour_rule else ")"
    lines += ["", f"Whole message: {kind}{extra}"]
    lines += ["", "Summary (MITI-style)", "-" * 20]
    lines.append(
        f"   Questions: {m.questions} (open {m.open_questions}, closed {m.closed_questions}; "
        f"{_pct(m.percent_open_questions)} open)"
    )
    lines.append(
        f"   Reflections: {m.reflections} (complex {m.complex_reflections}; "
        f"{_pct(m.percent_complex_reflections)} complex)"
    )
    rb = ", ".join(f"{k} \u00d7{v}" for k, v in m.roadblocks.items()) or "none"
    lines.append(f"   Roadblocks: {rb}")
    for note in m.notes:
        lines += wrap(note, "   ")
    lines += ["", "CRAFT positive communication", "-" * 28]
    for c in result.craft:
        mark = "yes" if c.passed else "no "
        lines += wrap(f"[{mark}] {c.title}: {c.reason}", "   ")
    return "\n".join(lines)
