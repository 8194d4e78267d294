"""The floors hold: the import contracts in pyproject.toml, and a reason on every late import.

`make check` runs the same contracts (lint-imports); running them here too means the
suite cannot go green while a package imports one above it. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "porchlight"
NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*)(?P<reason>.*)$")


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_no_contract_lists_an_exception() -> None:
    exempt = {c["id"]: c.get("ignore_imports", []) for c in contracts()}

    assert exempt == {c["id"]: [] for c in contracts()}


def test_the_floors_name_every_app() -> None:
    apps = {
        path.parent.name
        for path in PACKAGE.glob("*/__init__.py")
        if path.parent.name not in {"__pycache__"}
    }
    layers = next(c for c in contracts() if c["id"] == "floors")["layers"]
    named = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}

    assert apps - named == set(), "put the new app on a floor in pyproject.toml"
    assert named - apps == set()


def test_language_content_and_every_engine_are_forbidden_django() -> None:
    plain = next(c for c in contracts() if c["id"] == "plain-python")
    engines = sorted(p.parent.name for p in PACKAGE.glob("*/engine.py")) + sorted(
        p.parent.parent.name for p in PACKAGE.glob("*/engine/__init__.py")
    )

    assert plain["forbidden_modules"] == ["django"]
    assert {"porchlight.language", "porchlight.content", "porchlight.*.engine"} <= set(
        plain["source_modules"]
    )
    assert {"boundaries", "rehearse", "selfcare", "understand"} <= set(engines)


def _late_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.append((node.lineno, lines[node.lineno - 1]))
    return found


def test_every_import_inside_a_function_says_why() -> None:
    # checks.py's loaders are exempt in pyproject.toml until content/registry.py replaces them.
    exempt = {PACKAGE / "checks.py"}
    unexplained = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]):
        if "migrations" in path.parts or path in exempt:
            continue
        for number, line in _late_imports(path):
            match = NOQA.search(line)
            reason = match.group("reason").strip(" -—:") if match else ""
            if not match or "PLC0415" not in match.group("codes") or len(reason) < 8:
                unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")

    assert unexplained == []
