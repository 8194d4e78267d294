"""The coach's analysis, shaped for the page (plain data, safe to store as JSON)."""

from __future__ import annotations

from typing import Any

BEHAVIOUR_NAMES = {
    "question": "A question",
    "reflection": "A reflection",
    "therapist_input": "Giving information or advice",
    "other": "Other",
}
LABEL_NAMES = {
    "reflection": "reflection",
    "open_question": "open question",
    "closed_question": "closed question",
    "affirmation": "affirmation",
    "asking_permission": "asking permission",
    "autonomy": "respects their choice",
    "i_statement": "“I” statement",
    "offering_support": "offering support",
    "information": "information",
}
ROADBLOCK_NAMES = {
    "ordering": "Ordering",
    "threatening": "Threatening",
    "moralizing": "Moralizing",
    "advising": "Unasked advice",
    "arguing": "Arguing",
    "blaming": "Blaming",
    "generalizing": "“Always” or “never”",
    "labeling": "Labeling",
    "sarcasm": "Sarcasm",
    "dismissing": "Dismissing",
    "interrogating": "Interrogating",
}


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
                "label_names": [
                    LABEL_NAMES.get(label, label) for label in sentence.get("labels", [])
                ],
                "roadblock_list": [
                    {
                        **block,
                        "title": ROADBLOCK_NAMES.get(block.get("name", ""), block.get("name")),
                    }
                    for block in sentence.get("roadblocks", [])
                ],
            }
        )
    return {**data, "sentences": sentences}
