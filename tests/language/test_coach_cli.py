from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "porchlight.cli", "coach", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_coach_command_follows_the_json_lines_contract() -> None:
    line = {"id": 7, "text": "You have to quit the pills before you lose your job, it's pathetic."}

    result = run(stdin=json.dumps(line) + "\n")

    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert set(out) == {"id", "behaviour", "labels", "roadblocks", "suggestions"}
    assert out["id"] == 7
    assert out["behaviour"] in {"question", "reflection", "therapist_input", "other"}
    assert "ordering" in out["roadblocks"]
    assert out["suggestions"]


def test_coach_command_with_text_prints_a_readable_report() -> None:
    result = run("How", "do", "you", "see", "it?")

    assert result.returncode == 0
    assert "open" in result.stdout.lower()


def test_coach_report_names_the_whole_message_behaviour() -> None:
    result = run("I'm worried about you.")

    assert result.returncode == 0
    assert "Whole message: other (classifier: reflection, " in result.stdout.replace(
        "\n", " "
    ).replace("   ", " ")
