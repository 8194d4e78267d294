"""The coach's analysis, shaped for the page (plain data, safe to store as JSON).

Roadblock and label names are the ``title``s in content/coach/*.yaml: one name each.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from porchlight.language import patterns

BEHAVIOUR_NAMES = {
    "question": "A question",
    "reflection": "A reflection",
    "therapist_input": "Giving information or advice",
    "other": "Other",
}


@cache
def _titles(filename: str) -> dict[str, str]:
    """Display names from the pattern file's ``title``s (content/coach/<filename>)."""
    meta, _ = patterns.load_rules(filename)
    return {name: str(spec["title"]) for name, spec in meta.items()}


def label_name(label: str) -> str:
    """A label as it reads inside a line: "open question", "supporting autonomy"."""
    title = _titles("labels.yaml").get(label, label)
    return title[:1].lower() + title[1:]


def roadblock_name(name: str) -> str:
    return _titles("roadblocks.yaml").get(name, name)


def analyse(text: str) -> dict[str, Any]:
    from porchlight.language.coach import analyse_message, to_dict  # noqa: PLC0415  loads the coach models on first use, not at start-up

    result = analyse_message(text)
    data: dict[str, Any] = to_dict(result)
    data["behaviour"] = result.behaviour
    return data


def for_display(data: dict[str, Any]) -> dict[str, Any]:
    """Add the plain-language names the templates show."""
    sentences = []
    for sentence in data.get("sentences", []):
        sentences.append(
            {
                **sentence,
                "behaviour_name": BEHAVIOUR_NAMES.get(sentence.get("behaviour", ""), "Other"),
                "label_names": [label_name(label) for label in sentence.get("labels", [])],
                "roadblock_list": [
                    {
                        **block,
                        "title": roadblock_name(block.get("name", "")),
                    }
                    for block in sentence.get("roadblocks", [])
                ],
            }
        )
    return {**data, "sentences": sentences}
