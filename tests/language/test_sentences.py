"""Sentence splitting keeps every sentence and its position."""

from __future__ import annotations

import pytest

from porchlight.language.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   ", []),
        ("Hello", ["Hello"]),
        ("I love you. Please stop.", ["I love you.", "Please stop."]),
        ("Why?! Because I care.", ["Why?!", "Because I care."]),
        ("Wait... what happened?", ["Wait...", "what happened?"]),
        (
            "Dr. Patel said it's common. Mr. Jones too.",
            ["Dr. Patel said it's common.", "Mr. Jones too."],
        ),
        ('She said "stop." Then left.', ['She said "stop."', "Then left."]),
        ("line one\nline two", ["line one", "line two"]),
        ("It costs 3.50 a week.", ["It costs 3.50 a week."]),
        ("I'm here 😀 Call me.", ["I'm here 😀 Call me."]),
        ("J. K. said so. Fine.", ["J. K. said so.", "Fine."]),
    ],
)
def test_split_table(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_back_into_the_text():
    text = "  First one.   Second one?\n\nThird!  "
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
