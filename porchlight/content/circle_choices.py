"""What a circle can say about the loved one: who they are, and what worries the supporter.

Plain Python, no Django. The one list lives in ``content/understand/playbook.yaml``
(``concerns`` and ``relationships``), beside the advice that uses it, so adding a
concern is a content change: the circle form, the stored values and the playbook all
read it from there. The ids are stored with every circle and must never be renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from porchlight.content.reader import ContentDataError, Reader, read_yaml

__all__ = [
    "CHOICES_FILE",
    "Choice",
    "CircleChoices",
    "concern_choices",
    "concern_ids",
    "load_choices",
    "relationship_choices",
]

CHOICES_FILE = Path(__file__).resolve().parent / "understand" / "playbook.yaml"


class ChoicesError(ContentDataError):
    """The concern or relationship list is broken; the message names the file and the id."""


@dataclass(frozen=True)
class Choice:
    id: str
    #: The form's label: "Alcohol", "My partner".
    choice: str


@dataclass(frozen=True)
class CircleChoices:
    relationships: tuple[Choice, ...]
    concerns: tuple[Choice, ...]


def _read(read: Reader, raw: object, what: str) -> tuple[Choice, ...]:
    found = []
    for key, entry in read.mapping(raw, what, non_empty=True).items():
        where = f"{what[:-1]} {read.id(key, what)!r}"
        found.append(Choice(id=key, choice=read.text(read.mapping(entry, where), "choice", where)))
    return tuple(found)


@cache
def load_choices(path: Path = CHOICES_FILE) -> CircleChoices:
    read = Reader(path.name, ChoicesError)
    data = read.mapping(read_yaml(path, ChoicesError), "")
    return CircleChoices(
        relationships=_read(read, data.get("relationships"), "relationships"),
        concerns=_read(read, data.get("concerns"), "concerns"),
    )


def relationship_choices() -> list[tuple[str, str]]:
    """(stored id, form label) for every relationship, in file order."""
    return [(c.id, c.choice) for c in load_choices().relationships]


def concern_choices() -> list[tuple[str, str]]:
    """(stored id, form label) for every concern, in file order."""
    return [(c.id, c.choice) for c in load_choices().concerns]


def concern_ids() -> tuple[str, ...]:
    return tuple(c.id for c in load_choices().concerns)
