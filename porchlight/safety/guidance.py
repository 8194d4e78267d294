"""Action-first guidance blocks for the Get help now page, from content/help_guidance.yaml.

Plain Python, no Django. Loading is strict: any problem raises :class:`GuidanceDataError`
naming the file, the block and the field. The five blocks the page needs are listed in
:data:`REQUIRED_BLOCKS`; the safe-messaging word list in :data:`BANNED_PHRASES` is shared
with the triage loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from porchlight.content.questionnaire import by_id

__all__ = [
    "BANNED_PHRASES",
    "GUIDANCE_FILE",
    "MAX_STEPS",
    "MIN_STEPS",
    "REQUIRED_BLOCKS",
    "GuidanceBlock",
    "GuidanceDataError",
    "Source",
    "banned_phrase_in",
    "block",
    "blocks",
    "blocks_for",
    "help_page_blocks",
    "load_guidance",
]

GUIDANCE_FILE = Path(__file__).resolve().parent.parent / "content" / "help_guidance.yaml"

#: Block ids the Get help now page shows, in this order.
REQUIRED_BLOCKS = ("suicide_now", "overdose", "withdrawal", "violence", "me_struggling")

MIN_STEPS = 3
MAX_STEPS = 6

#: Wording that safe-messaging guidance asks us never to use (matched case-insensitively,
#: on word boundaries). "Committed suicide" and its relatives frame suicide as a crime or
#: a sin; "successful"/"failed" frame it as an achievement; the rest are labels that shame.
BANNED_PHRASES = (
    "committed suicide",
    "commit suicide",
    "commits suicide",
    "committing suicide",
    "successful suicide",
    "failed suicide",
    "failed attempt",
    "completed suicide",
    "suicide victim",
    "attention seeking",
    "attention-seeking",
    "addict",
    "alcoholic",
    "junkie",
    "crazy",
    "psycho",
    "lunatic",
    "insane",
)
_BANNED_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in BANNED_PHRASES) + r")\b", re.IGNORECASE
)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class GuidanceDataError(ValueError):
    """The guidance file is missing something or breaks a safe-messaging rule."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class GuidanceBlock:
    id: str
    title: str
    steps: tuple[str, ...]
    hope: str
    sources: tuple[Source, ...]
    #: Shown on the Get help now page (the required blocks always are).
    help_page: bool = True
    #: Tells the reader to stay with the person: left out when the page puts the
    #: reader's safety first (violence or threats).
    near_them: bool = False


def banned_phrase_in(text: str) -> str | None:
    """The first banned phrase in ``text`` (lower-cased), or None."""
    found = _BANNED_RE.search(text)
    return found.group(1).lower() if found else None


def iter_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a parsed YAML value, with a readable path to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, f"{path}[{index}]")


def check_banned(raw: Any, name: str, error: type[ValueError]) -> None:
    for path, text in iter_strings(raw, ""):
        phrase = banned_phrase_in(text)
        if phrase:
            raise error(f"{name}: {path}: uses {phrase!r}; follow safe-messaging wording")


def _text(entry: dict[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise GuidanceDataError(f"{where}: {field} must be non-empty text")
    return value.strip()


def _sources(entry: dict[str, Any], where: str) -> tuple[Source, ...]:
    raw = entry.get("sources")
    if not isinstance(raw, list) or not raw:
        raise GuidanceDataError(f"{where}: sources must list at least one source")
    sources = []
    for index, item in enumerate(raw):
        here = f"{where}: sources[{index}]"
        if not isinstance(item, dict):
            raise GuidanceDataError(f"{here}: must have a title and a url")
        title = _text(item, "title", here)
        url = _text(item, "url", here)
        if not url.startswith("https://"):
            raise GuidanceDataError(f"{here}: url must start with https://")
        sources.append(Source(title=title, url=url))
    return tuple(sources)


def parse_guidance(raw: Any, name: str = GUIDANCE_FILE.name) -> tuple[GuidanceBlock, ...]:
    """Validate parsed YAML and build the blocks (split out so tests can feed dicts)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("blocks"), list):
        raise GuidanceDataError(f"{name}: needs a 'blocks' list")
    check_banned(raw, name, GuidanceDataError)
    result: list[GuidanceBlock] = []
    for index, entry in enumerate(raw["blocks"]):
        if not isinstance(entry, dict):
            raise GuidanceDataError(f"{name}: blocks[{index}] must be a mapping")
        block_id = entry.get("id")
        if not isinstance(block_id, str) or not _ID_RE.match(block_id):
            raise GuidanceDataError(f"{name}: blocks[{index}]: id must be snake_case text")
        where = f"{name}: block {block_id!r}"
        steps = entry.get("steps")
        if not isinstance(steps, list) or not all(isinstance(s, str) and s.strip() for s in steps):
            raise GuidanceDataError(f"{where}: steps must be a list of sentences")
        if not MIN_STEPS <= len(steps) <= MAX_STEPS:
            raise GuidanceDataError(
                f"{where}: has {len(steps)} steps; keep it to {MIN_STEPS}-{MAX_STEPS}"
            )
        help_page = entry.get("help_page", block_id in REQUIRED_BLOCKS)
        near_them = entry.get("near_them", False)
        if not isinstance(help_page, bool) or not isinstance(near_them, bool):
            raise GuidanceDataError(f"{where}: help_page and near_them must be true or false")
        result.append(
            GuidanceBlock(
                id=block_id,
                title=_text(entry, "title", where),
                steps=tuple(s.strip() for s in steps),
                hope=_text(entry, "hope", where),
                sources=_sources(entry, where),
                help_page=help_page or block_id in REQUIRED_BLOCKS,
                near_them=near_them,
            )
        )
    ids = [b.id for b in result]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise GuidanceDataError(f"{name}: block ids repeat: {repeated}")
    missing = [i for i in REQUIRED_BLOCKS if i not in ids]
    if missing:
        raise GuidanceDataError(f"{name}: missing required blocks: {missing}")
    order = {block_id: n for n, block_id in enumerate(REQUIRED_BLOCKS)}
    return tuple(sorted(result, key=lambda b: order.get(b.id, len(order))))


@cache
def load_guidance(path: Path = GUIDANCE_FILE) -> tuple[GuidanceBlock, ...]:
    """All guidance blocks, required ones first in page order. Cached per path."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GuidanceDataError(f"{path.name}: not valid YAML: {exc}") from exc
    return parse_guidance(raw, path.name)


def blocks() -> tuple[GuidanceBlock, ...]:
    return load_guidance()


def blocks_for(block_ids: tuple[str, ...], *, safety_first: bool) -> list[GuidanceBlock]:
    """The blocks a check result names, in order; with ``safety_first``, none that tell
    the reader to stay near the person."""
    chosen = [block(block_id) for block_id in block_ids]
    return [item for item in chosen if not (safety_first and item.near_them)]


def help_page_blocks() -> tuple[GuidanceBlock, ...]:
    """The blocks the Get help now page shows: the required five first, then a few more."""
    return tuple(item for item in load_guidance() if item.help_page)


def block(block_id: str) -> GuidanceBlock:
    return by_id(load_guidance(), block_id)
