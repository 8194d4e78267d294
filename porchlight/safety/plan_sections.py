"""The parts of the safety plan, loaded from content/safety_plan.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from porchlight.content.reader import ContentDataError, Reader, read_yaml

PLAN_FILE = Path(__file__).resolve().parent.parent / "content" / "safety_plan.yaml"


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str
    prompt: str
    wallet: bool
    #: False for a section meant to hold warning signs: it does not raise the act-now alarm.
    risk_check: bool = True

    def for_person(self, name: str) -> PlanSection:
        return PlanSection(
            key=self.key,
            title=self.title.replace("{name}", name),
            prompt=self.prompt.replace("{name}", name),
            wallet=self.wallet,
            risk_check=self.risk_check,
        )


@dataclass(frozen=True)
class PlanTemplate:
    sections: tuple[PlanSection, ...]
    sources: tuple[str, ...]

    def for_person(self, name: str) -> tuple[PlanSection, ...]:
        return tuple(section.for_person(name) for section in self.sections)

    @property
    def unchecked_keys(self) -> frozenset[str]:
        """Sections whose words are not read for risk (they are meant to hold warning signs)."""
        return frozenset(section.key for section in self.sections if not section.risk_check)


class PlanTemplateError(ContentDataError):
    """content/safety_plan.yaml is broken; the message names the file and the section."""


@cache
def plan_template(path: Path = PLAN_FILE) -> PlanTemplate:
    read = Reader(path.name, PlanTemplateError)
    raw = read.fields(read_yaml(path, PlanTemplateError), "", required=("sections", "sources"))
    sections = []
    for index, item in enumerate(read.items(raw["sections"], "sections")):
        entry = read.fields(
            item,
            f"sections[{index}]",
            required=("key", "title", "prompt", "wallet"),
            optional=("risk_check",),
        )
        where = f"section {read.id(entry['key'], f'sections[{index}]')!r}"
        risk_check = entry.get("risk_check", True)
        if not isinstance(risk_check, bool):
            read.fail(where, "risk_check must be true or false")
        sections.append(
            PlanSection(
                key=entry["key"],
                title=read.text(entry, "title", where),
                prompt=read.text(entry, "prompt", where),
                wallet=read.boolean(entry, "wallet", where),
                risk_check=risk_check,
            )
        )
    read.unique((section.key for section in sections), "section")
    sources = raw["sources"]
    if not isinstance(sources, list) or not sources:
        read.fail("", "sources must be a list of plain-text references")
    if not all(isinstance(source, str) and source.strip() for source in sources):
        read.fail("", "sources must be a list of plain-text references")
    return PlanTemplate(sections=tuple(sections), sources=tuple(sources))
