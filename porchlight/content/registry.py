"""Every content loader, in one list, so Porchlight can check all content at start-up.

Plain Python, no Django, and it imports nothing of Porchlight above ``content/``: the
features register their own loaders (each app's ``AppConfig.ready``), naming the files
under ``porchlight/content/`` each one reads. Then:

- the start-up system check runs :func:`problems`: every loader loads its files through
  the strict :class:`~porchlight.content.reader.Reader`, and every file's user-facing text
  passes the safe-messaging wording check (:mod:`porchlight.content.wording`);
- ``tests/architecture/`` asserts that every file under ``content/`` belongs to a loader,
  and that a broken copy of each loader's file fails ``manage.py check`` naming the file.

A loader takes the content root (a directory laid out like ``porchlight/content/``), so
a test can point it at a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from porchlight.content.reader import ContentDataError, read_yaml
from porchlight.content.wording import check_banned

__all__ = ["CONTENT_ROOT", "Loader", "files_of", "loaders", "problems", "register"]

#: The content the running app reads. Tests point :func:`problems` at a copy instead.
CONTENT_ROOT = Path(__file__).resolve().parent


class WordingError(ContentDataError):
    """A content file uses wording that safe-messaging guidance rules out."""


@dataclass(frozen=True)
class Loader:
    #: What a reader of an error would call it: "safety plan template".
    name: str
    #: Glob patterns relative to the content root: ("safety_plan.yaml",), ("articles/*.md",).
    files: tuple[str, ...]
    #: Reads and checks every file it names under the given content root; raises on a problem.
    load: Callable[[Path], Any]
    #: Keys whose values are detector patterns, never shown: the wording check skips them.
    wording_skip: frozenset[str] = frozenset()
    #: Keys whose values are someone else's words (a simulated loved one's lines): read as
    #: quoted, so only the suicide-framing phrases are banned there.
    wording_speech: frozenset[str] = frozenset()
    #: False only for files that hold nothing but patterns (the risk lexicon must match the
    #: very words the wording check bans).
    wording: bool = True


_LOADERS: dict[str, Loader] = {}


def register(
    name: str,
    *,
    files: Collection[str],
    load: Callable[[Path], Any],
    wording_skip: Collection[str] = (),
    wording_speech: Collection[str] = (),
    wording: bool = True,
) -> Loader:
    """Add a loader. Registering the same name again replaces it (apps can be reloaded)."""
    if not files:
        raise ValueError(f"loader {name!r} must name the files it reads")
    loader = Loader(
        name=name,
        files=tuple(files),
        load=load,
        wording_skip=frozenset(wording_skip),
        wording_speech=frozenset(wording_speech),
        wording=wording,
    )
    _LOADERS[name] = loader
    return loader


def loaders() -> tuple[Loader, ...]:
    return tuple(_LOADERS.values())


def files_of(loader: Loader, root: Path | None = None) -> list[Path]:
    """The files a loader reads under ``root``, sorted."""
    root = root if root is not None else CONTENT_ROOT
    return sorted({path for pattern in loader.files for path in root.glob(pattern)})


def _check_wording(loader: Loader, root: Path) -> None:
    for path in files_of(loader, root):
        name = path.relative_to(root).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            check_banned(text, name, WordingError)
        else:
            raw = read_yaml(path, WordingError)
            check_banned(
                raw, name, WordingError, skip=loader.wording_skip, speech=loader.wording_speech
            )


def problems(root: Path | None = None) -> list[str]:
    """One message per loader that fails, each naming the file; [] when all content is sound."""
    root = root if root is not None else CONTENT_ROOT
    found = []
    for loader in loaders():
        try:
            if not files_of(loader, root):
                raise ContentDataError(f"{', '.join(loader.files)}: no such file")
            if loader.wording:
                _check_wording(loader, root)
            loader.load(root)
        except Exception as error:  # any failure to load is a start-up error
            message = str(error)
            if not any(path.name in message for path in files_of(loader, root)):
                # A loader whose error does not say which file: name its files here.
                message = f"{', '.join(loader.files)}: {message}"
            found.append(f"The {loader.name} could not be loaded: {message}")
    return found
