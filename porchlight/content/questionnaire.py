"""Shapes shared by the content kept as data: cited sources and guided questions.

The triage, the barrier questions and the boundary and self-care checks each
load their own YAML, but a source and a multiple-choice question look the
same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def by_id(items: Iterable[T], item_id: str) -> T:
    """The item with this id; KeyError names the id when there is none."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    #: An https:// link, or "" for a book with no stable page.
    url: str = ""


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    multiple: bool
    options: tuple[Option, ...]
    #: The step of a guided check it belongs to, where there are steps.
    step: str = ""

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option(self, option_id: str) -> Option:
        return by_id(self.options, option_id)
