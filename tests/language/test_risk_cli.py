from __future__ import annotations

import json
import subprocess
import sys


def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "porchlight.cli", "risk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_risk_command_follows_the_json_lines_contract() -> None:
    lines = [
        {"id": "1", "text": "he said goodbye to everyone and gave his dog away"},
        {"id": "2", "text": "I'd kill for a day off"},
    ]

    result = run("".join(json.dumps(line) + "\n" for line in lines))

    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["1", "2"]
    assert set(out[0]) == {"id", "level", "categories", "who", "evidence"}
    assert out[0]["level"] in {"urgent", "act_now"}
    assert out[0]["who"] == "loved_one"
    assert out[1]["level"] == "none"


def test_a_bad_line_is_reported_and_the_rest_still_answered() -> None:
    result = run('not json\n{"id": "ok", "text": "fine day"}\n')

    assert result.returncode == 2
    assert "line 1: expected" in result.stderr
    assert json.loads(result.stdout)["id"] == "ok"
