"""Every content file is read by a registered loader, and a broken one stops start-up.

In the spirit of the role matrix: a file under ``porchlight/content/`` that no loader
registers fails here, and for every registered loader a broken copy of its file (bad
YAML, or a missing required field) makes ``manage.py check`` fail with a message that
names the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from porchlight.content import registry

#: Files under content/ that are not content: the Python modules that read it, and the
#: editors' notes (README.md) beside the data.
NOT_CONTENT = ("*.py", "**/README.md")

LOADERS = {loader.name: loader for loader in registry.loaders()}


def _content_files(root: Path) -> set[Path]:
    every = {path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    skipped = {path for pattern in NOT_CONTENT for path in root.glob(pattern)}
    return every - skipped


def test_every_content_file_is_read_by_a_registered_loader() -> None:
    root = registry.CONTENT_ROOT
    read = {path for loader in registry.loaders() for path in registry.files_of(loader)}

    unread = sorted(path.relative_to(root).as_posix() for path in _content_files(root) - read)

    assert unread == []


def test_every_loader_names_files_that_exist() -> None:
    empty = [loader.name for loader in registry.loaders() if not registry.files_of(loader)]

    assert empty == []


def test_the_shipped_content_passes_every_loader() -> None:
    assert registry.problems() == []


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of porchlight/content/ that the start-up check reads instead."""
    root = tmp_path / "content"
    shutil.copytree(
        registry.CONTENT_ROOT, root, ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    monkeypatch.setattr(registry, "CONTENT_ROOT", root)
    return root


def _only(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # Run one loader per check (the rest are tested by their own case), to keep it quick.
    monkeypatch.setattr(registry, "_LOADERS", {name: LOADERS[name]})


def _first_file(name: str, root: Path) -> Path:
    return registry.files_of(LOADERS[name], root)[0]


def _check_fails_naming(path: Path, root: Path, loader: str) -> None:
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    lines = [line for line in message.splitlines() if f"The {loader} could not be loaded" in line]
    assert len(lines) == 1, message
    assert path.relative_to(root).name in lines[0]


def _drop_first_field(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data.pop(next(iter(data)))
        path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}", "utf-8")
        return
    data = yaml.safe_load(text)
    data.pop(next(iter(data)))
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_bad_yaml_in_a_loaders_file_fails_the_check_naming_it(
    name: str, content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only(monkeypatch, name)
    path = _first_file(name, content_copy)
    broken = "key: [unclosed\n"
    path.write_text(f"---\n{broken}---\n# Body\n" if path.suffix == ".md" else broken, "utf-8")

    _check_fails_naming(path, content_copy, name)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_missing_required_field_fails_the_check_naming_the_file(
    name: str, content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only(monkeypatch, name)
    path = _first_file(name, content_copy)
    _drop_first_field(path)

    _check_fails_naming(path, content_copy, name)


def _first_text(value: Any, skip: frozenset[str]) -> tuple[Any, Any] | None:
    """(container, key) of the first string a reader sees, in file order."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(value, dict) and key in skip:
            continue
        if isinstance(item, str):
            return value, key
        if isinstance(item, dict | list):
            found = _first_text(item, skip)
            if found:
                return found
    return None


@pytest.mark.parametrize("name", sorted(n for n, loader in LOADERS.items() if loader.wording))
def test_unsafe_wording_in_a_loaders_file_fails_the_check_naming_it(
    name: str, content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only(monkeypatch, name)
    loader = LOADERS[name]
    path = _first_file(name, content_copy)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        path.write_text(text + "\nHer brother committed suicide.\n", "utf-8")
    else:
        data = yaml.safe_load(text)
        found = _first_text(data, loader.wording_skip)
        assert found is not None
        container, key = found
        container[key] += " Her brother committed suicide."
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")

    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    assert f"{path.relative_to(content_copy).as_posix()}: " in message
    assert "uses 'committed suicide'; follow safe-messaging wording" in message
