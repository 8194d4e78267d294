"""Roadblocks and labels on sentences a supporter might say, one behaviour per test."""

from __future__ import annotations

import re

import pytest
import yaml

from porchlight.language import labels, patterns, roadblocks, suggestions
from porchlight.language.coach import analyse_message
from porchlight.language.labels import LABEL_NAMES
from porchlight.language.roadblocks import ROADBLOCK_NAMES


def found(text: str) -> set[str]:
    return {r.name for r in roadblocks.find_roadblocks(text)}


def labelled(text: str) -> set[str]:
    return {lab for s in analyse_message(text).sentences for lab in s.labels}


# --- one readable test per classic case -------------------------------------


def test_you_have_to_quit_is_ordering():
    assert "ordering" in found("You have to quit.")


def test_if_you_dont_stop_im_leaving_is_threatening():
    assert "threatening" in found("If you don't stop drinking, I'm leaving you.")


def test_the_harsh_example_from_the_brief_shows_all_three_roadblocks():
    assert found("You have to quit the pills before you lose your job, it's pathetic.") >= {
        "ordering",
        "threatening",
        "moralizing",
    }


def test_a_good_father_would_is_moralizing():
    assert "moralizing" in found("A good father would be home for dinner.")


def test_you_should_try_yoga_is_advising():
    assert "advising" in found("You should try yoga.")


def test_thats_not_true_is_arguing():
    assert "arguing" in found("That's not true, you drank the whole bottle.")


def test_its_your_fault_is_blaming():
    assert "blaming" in found("It's your fault we're broke.")


def test_you_always_is_generalizing():
    assert "generalizing" in found("You always ruin the holidays.")


def test_youre_an_alcoholic_is_labeling():
    assert "labeling" in found("You're an alcoholic.")


def test_oh_great_another_bottle_is_sarcasm():
    assert "sarcasm" in found("Oh great, another bottle.")


def test_just_cheer_up_is_dismissing():
    assert "dismissing" in found("Just cheer up, it's not that bad.")


def test_where_were_you_is_interrogating():
    assert "interrogating" in found("Where were you last night?")


# --- tricky clean sentences: the words of a roadblock, none of the harm -----

CLEAN = [
    "I always love our walks.",
    "You never have to do this alone.",
    "I should have asked you first.",
    "You can always call me.",
    "You should be proud of how far you've come.",
    "It's not your fault you feel this way.",
    "You're not a failure.",
    "Take your time.",
    "Let me know if there's anything I can do.",
    "Call me whenever you want.",
    "I'm worried about you.",
    "It sounds like you've had a really hard week.",
    "How are you feeling?",
    "Would it be okay if I shared something I read?",
    "It's your decision.",
    "Call me before you leave so I know you're safe.",
    "The match last night was pathetic, we lost again.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_tricky_clean_sentence_has_no_roadblock(text):
    assert found(text) == set()


# --- table of roadblocks ------------------------------------------------------

ROADBLOCK_TABLE = [
    ("You need to pour that down the sink.", "ordering"),
    ("Stop making excuses.", "ordering"),
    ("Put the bottle down.", "ordering"),
    ("This is your last chance.", "threatening"),
    ("You'll end up dead in a ditch.", "threatening"),
    ("You should be ashamed of yourself.", "moralizing"),
    ("Why don't you just go to a meeting?", "advising"),
    ("If I were you, I'd move out.", "advising"),
    ("You're in denial.", "labeling"),
    ("You made me do it.", "blaming"),
    ("Every time I call, you're drunk.", "generalizing"),
    ("You're so lazy.", "labeling"),
    ("Yeah right, like you'll stop.", "sarcasm"),
    ("You're overreacting.", "dismissing"),
    ("How many drinks did you have?", "interrogating"),
]


@pytest.mark.parametrize(("text", "roadblock"), ROADBLOCK_TABLE)
def test_roadblock_table(text, roadblock):
    assert roadblock in found(text)


def test_pattern_evidence_is_the_users_own_words():
    [hit] = [
        r for r in roadblocks.find_roadblocks("Mark, you're an alcoholic.") if r.name == "labeling"
    ]
    assert hit.evidence == "you're an alcoholic"
    assert hit.source == "pattern"


def test_learned_signal_catches_a_phrasing_no_pattern_has():
    text = "You drink like there's no tomorrow and it shows."
    assert roadblocks.find_roadblocks(text, learned=False) == []
    learned = roadblocks.find_roadblocks(text)
    assert learned, "the learned model should flag this"
    assert all(r.source == "model" and r.probability is not None for r in learned)
    assert learned[0].evidence == text


# --- labels -------------------------------------------------------------------

LABEL_TABLE = [
    ("It sounds like work has been really stressful.", "reflection"),
    ("What would a good day look like for you?", "open_question"),
    ("Do you want to watch a film?", "closed_question"),
    ("I'm proud of you for going.", "affirmation"),
    ("Can I share an idea?", "asking_permission"),
    ("It's up to you.", "autonomy"),
    ("I feel scared when you drive after drinking.", "i_statement"),
    ("I'm here whenever you want to talk.", "offering_support"),
    ("The meeting is on Tuesdays at seven.", "information"),
]


@pytest.mark.parametrize(("text", "label"), LABEL_TABLE)
def test_label_table(text, label):
    assert label in labelled(text)


def test_a_roadblock_sentence_gets_no_credit_for_good_labels():
    assert labelled("You're so brave, now stop drinking.") <= {"open_question", "closed_question"}


def test_i_feel_like_you_are_is_not_an_i_statement():
    assert "i_statement" not in labelled("I feel like you are a liar.")


# --- content files ------------------------------------------------------------


def test_every_pattern_file_compiles_and_names_known_categories():
    meta, _ = patterns.load_rules("roadblocks.yaml")
    assert set(meta) == set(ROADBLOCK_NAMES)
    meta, _ = patterns.load_rules("labels.yaml")
    assert set(meta) == set(LABEL_NAMES)
    patterns.load_rules("craft.yaml")


@pytest.mark.parametrize("name", ROADBLOCK_NAMES)
def test_every_roadblock_has_a_note_and_a_phrase_bank(name):
    assert roadblocks.describe(name)["lands"].strip()
    bank = suggestions.bank(name)
    assert bank["instead"].strip()
    generic = [r for r in bank["rewrites"] if not r.get("needs")]
    assert len(generic) >= 3, "at least three rewrites must work without captured slots"
    for rewrite in bank["rewrites"]:
        slots = set(re.findall(r"\{(\w+)\}", rewrite["text"]))
        assert slots <= set(suggestions.SLOTS)
        assert slots - {"topic"} <= set(rewrite.get("needs") or [])


@pytest.mark.parametrize("name", LABEL_NAMES)
def test_every_label_has_a_note(name):
    assert labels.describe(name)["note"].strip()


def test_phrase_banks_are_plain_yaml():
    for path in suggestions.PHRASES_DIR.glob("*.yaml"):
        with open(path, encoding="utf-8") as fh:
            assert isinstance(yaml.safe_load(fh), dict)


def test_canonical_text_maps_back_to_the_original():
    canon = patterns.canonical("You\u2019re SO lazy")
    assert canon.text == "you are so lazy"
    start, end = canon.source_span(0, len("you are"))
    assert "You\u2019re SO lazy"[start:end] == "You\u2019re"
