"""The parts of the safety plan, loaded from content/safety_plan.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


@cache
def plan_template(path: Path = PLAN_FILE) -> PlanTemplate:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = []
    for entry in raw["sections"]:
        missing = {"key", "title", "prompt", "wallet"} - set(entry)
        if missing:
            raise ValueError(f"{path.name}: section {entry.get('key')!r} lacks {sorted(missing)}")
        unknown = set(entry) - {"key", "title", "prompt", "wallet", "risk_check"}
        if unknown:
            raise ValueError(f"{path.name}: section {entry['key']!r} has unknown {sorted(unknown)}")
        risk_check = entry.get("risk_check", True)
        if not isinstance(risk_check, bool):
            key = entry["key"]
            raise ValueError(f"{path.name}: section {key!r}: risk_check must be true or false")
        sections.append(
            PlanSection(
                **{k: entry[k] for k in ("key", "title", "prompt", "wallet")},
                risk_check=risk_check,
            )
        )
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{path.name}: section keys repeat")
    sources = raw.get("sources") or []
    if not sources or not all(isinstance(source, str) for source in sources):
        raise ValueError(f"{path.name}: sources must be a list of plain-text references")
    return PlanTemplate(sections=tuple(sections), sources=tuple(sources))
