"""Rewrites keep what the speaker was talking about, read clean and parse (issue 13 part 3)."""

import shutil

import pytest

from benchmarks import rewrites as bench
from benchmarks.rewrites import grammatical, keeps_topic
from porchlight.language import behaviours, topics
from porchlight.language.coach import analyse_message
from porchlight.language.sentences import split_sentences
from porchlight.language.suggestions import usable_action

# Our own sentences, each with the words a rewrite must keep.
KEEPS = [
    ("Where did the rent money go?", "the rent money"),
    ("Why do you need five kettles?", "five kettles"),
    ("You need to see a doctor about your drinking.", "see a doctor"),
    ("Just clear the garage, Papa.", "clear the garage"),
    ("It's your fault we can't pay the mortgage.", "the mortgage"),
    ("Who was that on the phone?", "the phone"),
    ("Why are you always on your phone at dinner?", "your phone"),
]


@pytest.mark.parametrize(("sentence", "kept"), KEEPS)
def test_every_rewrite_keeps_the_speakers_words(sentence, kept):
    rewrites = analyse_message(sentence).suggestions
    assert len(rewrites) == 3
    assert [kept.lower() in r.lower() for r in rewrites] == [True, True, True]


def test_a_doctor_is_not_turned_into_the_medication():
    rewrites = analyse_message("You have to see a doctor, this can't go on.").suggestions
    assert rewrites
    assert not any("medication" in r for r in rewrites)


@pytest.mark.parametrize(
    ("action", "usable"),
    [
        ("Go to a meeting or don't come home", "go to a meeting"),
        ("Stop making excuses and get help", "get help"),
        ("Clean the kitchen now", "clean the kitchen"),
        ("see a doctor before it gets worse", "see a doctor"),
        ("things will turn around", None),
        ("calm down", None),
    ],
)
def test_only_the_request_of_an_order_is_asked_for(action, usable):
    assert usable_action(action) == usable


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Where did the rent money go?", "the rent money"),
        ("I can't stand all those boxes in the hall.", "all those boxes in the hall"),
        ("You've wrecked the whole weekend again.", None),
        ("It's that bad, you know.", None),
        ("Stop asking her for money.", None),
        ("I'm so tired of talking about your drinking, the car is a wreck.", "your drinking"),
    ],
)
def test_the_topic_is_a_phrase_from_the_sentence(sentence, topic):
    assert topics.own_words_topic(sentence) == topic


SENTENCES = [
    "You need to stop drinking before it kills you.",
    "Go to a meeting or don't come home.",
    "You're a drunk and everyone knows it.",
    "Why won't you eat the dinner I made?",
    "Cheer up, things could be worse.",
    "You always ruin Christmas.",
    "Nice of you to finally show up.",
    "If you don't clear the garage I'm calling the council.",
    "A good son would visit his mother.",
    "That's not true, you were drunk.",
    "You should try yoga for your nerves.",
    "You always cancel.",
    "You never listen to me.",
    "You can't keep slamming doors.",
]


def _rewrites():
    return [r for s in SENTENCES for r in analyse_message(s).suggestions]


def test_rewrites_read_clean_when_run_back_through_the_coach():
    flagged = [r for r in _rewrites() if analyse_message(r).roadblocks]
    assert flagged == []


@pytest.mark.skipif(not shutil.which("link-parser"), reason="make system-packages installs it")
def test_rewrites_parse_as_english():
    sentences = sorted({s.text for r in _rewrites() for s in split_sentences(r)})
    failed = [s for s, ok in zip(sentences, grammatical(sentences), strict=True) if not ok]
    assert failed == []


def test_topic_keeping_ignores_case_and_simple_endings():
    assert keeps_topic("I'm worried about the drinks.", ["drinking"], None)
    assert not keeps_topic("I'm worried about the house.", ["drinking"], None)


def test_a_message_is_rewritten_whole_keeping_its_clean_sentences():
    message = "I saw the bank statement today. You're a drunk. I love you."
    rewrites = analyse_message(message).suggestions

    assert len(rewrites) == 3
    assert [r.startswith("I saw the bank statement today. ") for r in rewrites] == [True] * 3
    assert [r.endswith(" I love you.") for r in rewrites] == [True] * 3
    assert [analyse_message(r).roadblocks for r in rewrites] == [[], [], []]


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Who was the man in the grey truck who came by?", "the man in the grey truck"),
        ("You never pick up anymore. 14 missed calls.", "14 missed calls"),
        ("Papa, don't say 'my sugar is fine'. The glucometer says otherwise.", "the glucometer"),
        ("Don't drag Tyler into your fights with me.", "your fights"),
        ("You're a drunk and everyone knows it.", None),
        ("Everyone feels down sometimes, Ryan.", None),
    ],
)
def test_names_numbers_and_linked_phrases_are_topics_quotes_and_labels_are_not(sentence, topic):
    assert topics.own_words_topic(sentence) == topic


def test_a_run_asks_for_the_request_that_names_the_most():
    rewrites = analyse_message("Act like it. Stop counting calories at the table.").suggestions
    assert rewrites
    assert any("counting calories" in r for r in rewrites)
    assert not any("act like it" in r.lower() for r in rewrites)


def test_a_blind_set_is_never_shown(tmp_path, monkeypatch, capsys):
    blind = tmp_path / "test_w99.jsonl"
    blind.write_text(
        '{"id": "x1", "message": "You need to clear the garage now.", "topic_words": ["garage"],'
        ' "requested_action": "clear the garage"}\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("sys.argv", ["rewrites.py", "--file", str(blind)])
    bench.main()
    out = capsys.readouterr().out
    assert "garage" not in out
    assert "x1" not in out
    monkeypatch.setattr("sys.argv", ["rewrites.py", "--file", str(blind), "--show"])
    with pytest.raises(SystemExit):
        bench.main()


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Hand me the keys tonight; my car, my rules.", "the keys"),
        ("I put your coat on the chair.", "your coat on the chair"),
        ("Tell her about the weekend.", "the weekend"),
        ("I found one more empty bottle in the shed.", "one more empty bottle in the shed"),
        ("Bet365 is not a hobby.", None),
        ("You're just like your father.", None),
        ("You're turning into a real drunk.", None),
        ("Bathroom door stays open after meals.", "the bathroom door"),
        ("Stop lying to her about where you spend your nights.", "where you spend your nights"),
        ("Young people today give up too easily.", None),
    ],
)
def test_the_word_before_a_phrase_ranks_it_and_what_they_are_is_never_the_topic(sentence, topic):
    assert topics.own_words_topic(sentence) == topic


@pytest.mark.parametrize(
    ("sentence", "did"),
    [
        ("You always cancel. Always.", "you cancel"),
        ("you never listen to me", "you don't listen to me"),
        ("You can't keep slamming doors and telling me I hate you.", "you keep slamming doors"),
        ("u cant just say u hate me then act like nothing happened", "you say you hate me"),
        ("You said I ruined your life.", "you said I ruined your life"),
        (
            "Mom, you can't keep telling me you're 'fine' when you haven't showered in a week.",
            "you haven't showered in a week",
        ),
        ("Why do you always cancel?", "you cancel"),
        ("Why are you throwing up after every meal?", "you are throwing up after every meal"),
        ("Why did you cancel the intake?", None),
        ("You never called me back.", None),
        ("You're so selfish.", None),
        ("If you drink, you find your own way.", None),
        ("You will pack your things.", None),
        ("You know it's not true.", None),
        ("You are behaving exactly like your brother did.", None),
    ],
)
def test_what_they_did_is_copied_without_always_or_never(sentence, did):
    assert behaviours.behaviour(sentence) == did


def test_a_message_about_a_behaviour_keeps_its_verb():
    rewrites = analyse_message("You always cancel. Always.").suggestions
    assert [("you cancel" in r) for r in rewrites] == [True, True, False]


@pytest.mark.parametrize(
    ("action", "usable"),
    [
        ("eat the sandwich babe its not going to kill you", "eat the sandwich"),
        ("put them back tmrw", "put them back"),
        ("Ring the surgery the morn and tell them", "ring the surgery and tell them"),
        ("think more positive", None),
        ("switch to decaf for a while", "switch to decaf for a while"),
    ],
)
def test_an_order_loses_its_terms_of_address_and_texting_time_words(action, usable):
    assert usable_action(action) == usable
