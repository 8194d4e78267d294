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

    def for_person(self, name: str) -> PlanSection:
        return PlanSection(
            key=self.key,
            title=self.title.replace("{name}", name),
            prompt=self.prompt.replace("{name}", name),
            wallet=self.wallet,
        )


@dataclass(frozen=True)
class PlanTemplate:
    sections: tuple[PlanSection, ...]
    sources: tuple[str, ...]

    def for_person(self, name: str) -> tuple[PlanSection, ...]:
        return tuple(section.for_person(name) for section in self.sections)


@cache
def plan_template(path: Path = PLAN_FILE) -> PlanTemplate:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = []
    for entry in raw["sections"]:
        missing = {"key", "title", "prompt", "wallet"} - set(entry)
        if missing:
            raise ValueError(f"{path.name}: section {entry.get('key')!r} lacks {sorted(missing)}")
        sections.append(PlanSection(**{k: entry[k] for k in ("key", "title", "prompt", "wallet")}))
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{path.name}: section keys repeat")
    sources = raw.get("sources") or []
    if not sources or not all(isinstance(source, str) for source in sources):
        raise ValueError(f"{path.name}: sources must be a list of plain-text references")
    return PlanTemplate(sections=tuple(sections), sources=tuple(sources))
