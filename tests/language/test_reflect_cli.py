"""`porchlight reflect`: the JSON-lines contract and the readable verdict."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from porchlight.language import cli, reflect

PROMPT = "I know I should get the vaccine, but the side effects scare me and my mum lives with me."
COMPLEX = "Part of you wants to keep your mum safe, and the side effects still worry you."


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "porchlight.cli", "reflect", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_reflect_command_follows_the_json_lines_contract() -> None:
    lines = [
        {"id": "a", "prompt": PROMPT, "reply": COMPLEX},
        {"id": 2, "prompt": PROMPT, "reply": "Have you asked your doctor?"},
    ]

    result = run(stdin="".join(json.dumps(line) + "\n" for line in lines))

    assert result.returncode == 0
    assert result.stderr == ""
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(o) for o in out] == [{"id", "quality", "score", "why"}] * 2
    assert [(o["id"], o["quality"]) for o in out] == [("a", 2), (2, 0)]
    assert out[0]["score"] > out[1]["score"]


def test_reflect_command_with_a_prompt_prints_a_readable_verdict() -> None:
    result = run("--prompt", PROMPT, COMPLEX)

    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        "Reflection grade",
        "================",
        "Quality: 2 of 2 (complex reflection)",
    ]
    assert "Why: A complex reflection" in result.stdout


def test_reflect_jsonl_answers_good_lines_and_reports_bad_ones_on_stderr(capsys) -> None:
    stdin = io.StringIO(
        json.dumps({"id": 1, "prompt": PROMPT, "reply": COMPLEX}) + "\n"
        "not json\n"
        '{"id": 3, "reply": "You are worried."}\n'
        "\n"
        '{"id": 5, "prompt": "x", "reply": 5}\n'
        '["a list"]\n' + json.dumps({"id": "seven", "prompt": "", "reply": ""}) + "\n"
    )
    stdout = io.StringIO()

    status = cli.reflect([], stdin=stdin, stdout=stdout)

    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert status == cli.BAD_INPUT
    assert [o["id"] for o in out] == [1, "seven"]
    assert out[1] == {"id": "seven", **reflect.EMPTY_REPLY.to_dict()}
    assert capsys.readouterr().err.splitlines() == [
        'line 2: expected {"id", "prompt", "reply"}: Expecting value: line 1 column 1 (char 0)',
        'line 3: expected {"id", "prompt", "reply"}: \'prompt\'',
        'line 5: expected {"id", "prompt", "reply"}: reply must be a string',
        'line 6: expected {"id", "prompt", "reply"}: a line must be a JSON object',
    ]


def test_reflect_without_a_reply_argument_exits_with_the_bad_input_status(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.reflect(["--prompt", PROMPT])

    assert exit_info.value.code == cli.BAD_INPUT
    assert "porchlight reflect" in capsys.readouterr().err


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "\U0001f642\U0001f642",
        "x" * 20_000,
        "Tu as peur et tu veux prot\u00e9ger ta m\u00e8re.",
        "<b>ok</b>",
    ],
)
def test_reflect_jsonl_gives_a_clear_answer_for_odd_replies(reply: str) -> None:
    stdout = io.StringIO()
    line = json.dumps({"id": 1, "prompt": PROMPT, "reply": reply}) + "\n"

    status = cli.reflect([], stdin=io.StringIO(line), stdout=stdout)

    out = json.loads(stdout.getvalue())
    assert status == 0
    assert out["quality"] in reflect.QUALITIES
    assert out["why"]
