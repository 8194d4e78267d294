"""The risk benchmark scores only a blind set: the newest test file not retired."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data" / "risk"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("risk_bench", ROOT / "benchmarks" / "risk.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["risk_bench"] = module
    spec.loader.exec_module(module)
    return module


def _statement(ident: str) -> str:
    row = {"id": ident, "text": "We planted tulips.", "level": "none", "categories": []}
    return json.dumps(row) + "\n"


def test_the_retired_test_sets_are_training_data(bench) -> None:
    assert bench.trm.RETIRED_TEST_FILES == ("test_w5.jsonl", "test_w6.jsonl", "test_w9.jsonl")
    groups = {s.group for s in bench.trm.load_training()}
    assert groups == {"w1", "w2", "w3", "w5", "w6", "w7", "w9"}


def test_the_newest_unretired_test_file_is_the_blind_set(bench, tmp_path: Path) -> None:
    for name in ("test_w5.jsonl", "test_w6.jsonl", "test_w9.jsonl"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "test_w10.jsonl").write_text(_statement("w10-0001"), encoding="utf-8")
    (tmp_path / "test_w11.jsonl").write_text(_statement("w11-0001"), encoding="utf-8")
    assert bench.newest_test_file(tmp_path).name == "test_w11.jsonl"


def test_a_new_writers_file_is_scored_as_the_blind_set(bench, tmp_path: Path) -> None:
    path = tmp_path / "test_w11.jsonl"
    path.write_text(_statement("w11-0001") + _statement("w11-0002"), encoding="utf-8")
    items = bench.load("test", path)
    assert [i.id for i in items] == ["w11-0001", "w11-0002"]
    assert {i.group for i in items} == {"w11"}


def test_without_an_unretired_test_file_the_benchmark_says_so(bench, tmp_path: Path) -> None:
    shutil.copy(DATA / "test_w6.jsonl", tmp_path / "test_w6.jsonl")
    shutil.copy(DATA / "test_w9.jsonl", tmp_path / "test_w9.jsonl")
    with pytest.raises(SystemExit, match="retired into training"):
        bench.newest_test_file(tmp_path)


@pytest.mark.parametrize("name", ["test_w5.jsonl", "test_w6.jsonl", "test_w9.jsonl"])
def test_a_retired_test_set_is_refused_as_a_blind_set(bench, name: str) -> None:
    with pytest.raises(SystemExit, match="retired into training"):
        bench.load("test", DATA / name)


def test_a_file_holding_training_statements_is_refused(bench, tmp_path: Path) -> None:
    first = (DATA / "train_w7.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "test_w11.jsonl"
    path.write_text(first + "\n" + _statement("w11-0001"), encoding="utf-8")
    with pytest.raises(SystemExit, match="training data"):
        bench.load("test", path)
