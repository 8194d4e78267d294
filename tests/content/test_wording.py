"""The safe-messaging wording check that the registry applies to every content file."""

from __future__ import annotations

import pytest

from porchlight.content.reader import ContentDataError
from porchlight.content.wording import banned_phrase_in, check_banned


def test_suicide_framing_is_banned_even_in_quotes() -> None:
    assert banned_phrase_in("He Committed Suicide last year") == "committed suicide"
    assert banned_phrase_in('They said "he committed suicide".') == "committed suicide"
    assert banned_phrase_in("She died by suicide") is None


def test_a_label_is_banned_in_our_voice_but_not_as_quoted_words() -> None:
    assert banned_phrase_in("Your son is an addict.") == "addict"
    assert banned_phrase_in('Labels like "alcoholic" or "crazy" shut the talk down.') is None
    assert banned_phrase_in("\u201cI\u2019m not crazy.\u201d") is None
    assert banned_phrase_in("Addiction medicine can help") is None


def test_check_banned_names_the_file_and_the_place() -> None:
    raw = {"blocks": [{"hope": "Her brother committed suicide."}]}

    with pytest.raises(ContentDataError) as caught:
        check_banned(raw, "help_guidance.yaml", ContentDataError)

    assert str(caught.value) == (
        "help_guidance.yaml: blocks[0].hope: uses 'committed suicide'; "
        "follow safe-messaging wording"
    )


def test_skipped_keys_are_patterns_and_speech_keys_are_someone_elses_words() -> None:
    raw = {"lists": {"insult": ["crazy"]}, "lines": ["I'm not crazy."], "title": "Labeling"}

    check_banned(raw, "roadblocks.yaml", ContentDataError, skip={"lists"}, speech={"lines"})

    with pytest.raises(ContentDataError, match=r"lines\[0\]: uses 'crazy'"):
        check_banned(raw, "roadblocks.yaml", ContentDataError, skip={"lists"})
    with pytest.raises(ContentDataError, match="lines: uses 'committed suicide'"):
        check_banned(
            {"lines": "He committed suicide."}, "x.yaml", ContentDataError, speech={"lines"}
        )
