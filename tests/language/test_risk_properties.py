"""Property tests: the risk detector never crashes and its spans are always valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porchlight.language.risk import CATEGORIES, LEVELS, WHO, RiskResult, analyse

# No example database: keep the work tree clean and runs reproducible.
PROPERTY = settings(max_examples=300, deadline=None, database=None)

# Phrases that do fire, to mix into random text so spans get exercised.
RISKY = [
    "he wants to die",
    "she's not breathing",
    "i cant do this anymore, i just want to disappear",
    "he said he'd kill me",
    "gave his dog away",
    "hearing voices",
    "he hasn't eaten in days",
    "this heat is murder",
    "he has never talked about hurting himself",
]
PUNCTUATION = [",", ".", "!", "?", "'", "\u2019", "\n"]
WORDS = st.sampled_from(
    ["he", "she", "i", "my", "son", "mum", "not", "never", "and", "but", *RISKY, *PUNCTUATION]
)


def assert_well_formed(text: str, result: RiskResult) -> None:
    assert result.level in LEVELS
    assert result.who in WHO
    assert list(result.categories) == sorted(set(result.categories))
    assert set(result.categories) <= CATEGORIES
    if result.level == "none":
        assert result.evidence == ()
        assert result.categories == ()
    for item in result.evidence:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        assert item.category in result.categories


@PROPERTY
@given(st.text())
def test_any_unicode_text_gives_a_well_formed_result(text: str) -> None:
    assert_well_formed(text, analyse(text))


@PROPERTY
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_risky_phrases_in_random_company_give_valid_spans(text: str) -> None:
    assert_well_formed(text, analyse(text))


@PROPERTY
@given(st.text(), st.sampled_from(RISKY), st.text())
def test_spans_stay_valid_around_arbitrary_unicode(prefix: str, phrase: str, suffix: str) -> None:
    text = f"{prefix} {phrase} {suffix}"
    assert_well_formed(text, analyse(text))


@PROPERTY
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
def test_upper_case_ascii_changes_nothing(text: str) -> None:
    assert analyse(text.upper()).to_dict()["level"] == analyse(text.lower()).to_dict()["level"]


@PROPERTY
@given(st.text())
def test_analysis_is_deterministic(text: str) -> None:
    assert analyse(text) == analyse(text)


@settings(
    max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(WORDS, min_size=1, max_size=200).map(" ".join))
def test_twenty_thousand_characters_are_fine(block: str) -> None:
    text = ((block + " ") * (20_000 // (len(block) + 1) + 1))[:20_000]
    # How long it takes is measured by benchmarks/risk.py, not asserted here.
    assert_well_formed(text, analyse(text))


def test_twenty_thousand_characters_of_one_letter_are_fine() -> None:
    for text in ("a" * 20_000, "\u0130" * 20_000, "'" * 20_000, ", and " * 4_000):
        assert_well_formed(text, analyse(text))
