"""Action-first guidance blocks for the Get help now page, from content/help_guidance.yaml.

Plain Python, no Django. Loading is strict: any problem raises :class:`GuidanceDataError`
naming the file, the block and the field. The five blocks the page needs are listed in
:data:`REQUIRED_BLOCKS`. The file is read by the shared strict reader, and the
safe-messaging word list (:mod:`porchlight.content.wording`) applies to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import by_id
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned

__all__ = [
    "GUIDANCE_FILE",
    "MAX_STEPS",
    "MIN_STEPS",
    "REQUIRED_BLOCKS",
    "GuidanceBlock",
    "GuidanceDataError",
    "Source",
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


class GuidanceDataError(ContentDataError):
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


def _text(read: Reader, entry: Any, field: str, where: str) -> str:
    read.text(read.mapping(entry, where), field, where)  # fails unless non-empty text
    return str(entry[field]).strip()


def _sources(read: Reader, entry: Mapping[str, Any], where: str) -> tuple[Source, ...]:
    raw = entry.get("sources")
    if not isinstance(raw, list) or not raw:
        read.fail(where, "sources must list at least one source")
    sources = []
    for index, item in enumerate(raw):
        here = f"{where}: sources[{index}]"
        item = read.fields(item, here, required=("title", "url"))
        url = read.text(item, "url", here)
        if not url.startswith("https://"):
            read.fail(here, "url must start with https://")
        sources.append(Source(title=read.text(item, "title", here), url=url))
    return tuple(sources)


def parse_guidance(raw: Any, name: str = GUIDANCE_FILE.name) -> tuple[GuidanceBlock, ...]:
    """Validate parsed YAML and build the blocks (split out so tests can feed dicts)."""
    read = Reader(name, GuidanceDataError)
    if not isinstance(raw, dict) or not isinstance(raw.get("blocks"), list):
        read.fail("", "needs a 'blocks' list")
    read.date(raw, "reviewed", "")
    check_banned(raw, name, GuidanceDataError)
    result: list[GuidanceBlock] = []
    for index, entry in enumerate(raw["blocks"]):
        entry = read.mapping(entry, f"blocks[{index}]")
        block_id = read.id(entry.get("id"), f"blocks[{index}]")
        where = f"block {block_id!r}"
        steps = entry.get("steps")
        if not isinstance(steps, list) or not all(isinstance(s, str) and s.strip() for s in steps):
            read.fail(where, "steps must be a list of sentences")
        if not MIN_STEPS <= len(steps) <= MAX_STEPS:
            read.fail(where, f"has {len(steps)} steps; keep it to {MIN_STEPS}-{MAX_STEPS}")
        help_page = entry.get("help_page", block_id in REQUIRED_BLOCKS)
        near_them = entry.get("near_them", False)
        if not isinstance(help_page, bool) or not isinstance(near_them, bool):
            read.fail(where, "help_page and near_them must be true or false")
        result.append(
            GuidanceBlock(
                id=block_id,
                title=_text(read, entry, "title", where),
                steps=tuple(s.strip() for s in steps),
                hope=_text(read, entry, "hope", where),
                sources=_sources(read, entry, where),
                help_page=help_page or block_id in REQUIRED_BLOCKS,
                near_them=near_them,
            )
        )
    ids = [b.id for b in result]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        read.fail("", f"block ids repeat: {repeated}")
    missing = [i for i in REQUIRED_BLOCKS if i not in ids]
    if missing:
        read.fail("", f"missing required blocks: {missing}")
    order = {block_id: n for n, block_id in enumerate(REQUIRED_BLOCKS)}
    return tuple(sorted(result, key=lambda b: order.get(b.id, len(order))))


@cache
def load_guidance(path: Path = GUIDANCE_FILE) -> tuple[GuidanceBlock, ...]:
    """All guidance blocks, required ones first in page order. Cached per path."""
    return parse_guidance(read_yaml(path, GuidanceDataError), path.name)


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
