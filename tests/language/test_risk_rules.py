"""Tests for the risk detector's rule layer (plain Python; no database needed).

The rules are the floor under the learned model: what they find at act_now or
urgent is never lowered. These tables pin what the rules alone decide.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from porchlight.language import risk_rules as risk
from porchlight.language.risk_rules import LEVELS, Evidence, LexiconError, RiskResult
from porchlight.language.risk_rules import analyse_rules as analyse

SERIOUS = {"act_now", "urgent"}
DEV_SET = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "risk_dev.jsonl"


def level(text: str) -> str:
    return analyse(text).level


# ---------------------------------------------------------------------------
# The public contract
# ---------------------------------------------------------------------------


def test_levels_are_ordered_from_calm_to_emergency() -> None:
    assert LEVELS == ("none", "watch", "urgent", "act_now")


def test_result_serialises_to_the_cli_json_contract() -> None:
    text = "he said 'you'd all be better off without me'"
    data = analyse(text).to_dict()
    assert set(data) == {"level", "categories", "who", "evidence"}
    assert data["level"] == "urgent"
    assert data["categories"] == ["suicide"]
    assert data["who"] == "loved_one"
    assert data["evidence"] == [
        {"start": 22, "end": 43, "text": "better off without me", "category": "suicide"}
    ]
    assert json.loads(json.dumps(data)) == data  # plain JSON types only


def test_result_and_evidence_are_immutable() -> None:
    result = analyse("my uncle says he wants to die")
    assert isinstance(result, RiskResult)
    assert all(isinstance(item, Evidence) for item in result.evidence)
    with pytest.raises(AttributeError):
        result.level = "none"  # type: ignore[misc]


def test_categories_are_sorted_and_known() -> None:
    result = analyse("he punched the wall and said next time it's me, and he hits the kids")
    assert list(result.categories) == sorted(result.categories)
    assert set(result.categories) <= risk.CATEGORIES


def test_nothing_risky_gives_an_empty_result() -> None:
    assert analyse("we had a lovely dinner together").to_dict() == {
        "level": "none",
        "categories": [],
        "who": "unknown",
        "evidence": [],
    }


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_blank_text_is_none(text: str) -> None:
    assert level(text) == "none"


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        analyse(None)  # type: ignore[arg-type]


def test_same_text_gives_the_same_result_every_time() -> None:
    text = "he gave his guitar away and said goodbye to his brother"
    assert len({json.dumps(analyse(text).to_dict()) for _ in range(5)}) == 1


# ---------------------------------------------------------------------------
# Evidence spans
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He's NOT waking up and his lips are BLUE",
        "i cant do this anymore, i just want to disappear",
        "she messaged me \u2018goodbye, i love you\u2019 and now her phone\u2019s off",
        # "İ" lower-cases to two characters: spans must still line up.
        "\u0130stanbul trip was fine but he said he'd be better off dead",
        "the hallway\u2019s blocked; he said he doesn't want to be alive anymore",
    ],
)
def test_evidence_spans_index_the_original_text(text: str) -> None:
    result = analyse(text)
    assert result.evidence
    for item in result.evidence:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text


def test_evidence_quotes_the_writers_own_words_with_apostrophes() -> None:
    text = "she said she doesn't want to live"
    assert any("doesn't" in item.text for item in analyse(text).evidence)


# ---------------------------------------------------------------------------
# Levels: table-driven, by theme
# ---------------------------------------------------------------------------

# Fresh wording, deliberately different from benchmarks/data/risk_eval.jsonl;
# the only shared phrases are the examples given in the product brief.
ACT_NOW = {
    "brief_overdose_blue_lips": "he's not waking up and his lips are blue",
    "brief_withdrawal_seeing_bugs": (
        "he stopped drinking 2 days ago and he's shaking and seeing bugs"
    ),
    "overdose_cannot_rouse": "we can't rouse him and there are pill packets all over the floor",
    "breathing_stopped": "my brother has stopped breathing",
    "withdrawal_confusion": "mum is detoxing and she is confused and sweating",
    "ideation_with_rope_found": (
        "she keeps talking about ending it and i found the rope in her wardrobe"
    ),
    "tablets_saved_up_tonight": "he told me he has his tablets saved up for tonight",
    "writer_tonight_with_plan": "ive got a plan and i'm going to kill myself tonight",
    "on_a_ledge": "my daughter is sat on the ledge of the multi storey",
    "goodbye_then_unreachable": "he posted a goodbye message and now he isn't answering",
    "suicide_note": "i just found a suicide note on his pillow",
    "threat_with_weapon_now": "he's screaming he'll kill me and he's grabbing a kitchen knife",
    "threat_while_outside": "she is banging on the door right now saying she'll kill me",
    "attack_in_progress": "he's choking me",
    "drunk_driver_with_child": "my ex is hammered and has got our son in the car",
    "self_harm_barricaded": (
        "she says she's cutting herself and she has locked herself in the bathroom"
    ),
    "gun_out": "my dad has his rifle out and won't put it down",
    "container_of_pills": "she swallowed a full packet of her mum's painkillers",
}

URGENT = {
    "brief_quoted_burden": "he said 'you'd all be better off without me'",
    "brief_jewellery_and_letters": (
        "she has been handing out her jewellery and writing letters to everyone"
    ),
    "brief_writer_wants_to_disappear": "i cant do this anymore, i just want to disappear",
    "brief_threat_next_time": "he punched the wall and said next time it's me",
    "third_person_wants_to_die": "my nephew told me he wants to die",
    "burden_statement": "mum keeps calling herself a burden on all of us",
    "slang_kms": "gf texted me she wants to kms",
    "slang_unalive": "he joked he'd unalive himself but i dont think it was a joke",
    "not_be_here_anymore": "my sister said she doesnt want to be alive anymore",
    "end_it_all": "he's been going on about ending it all",
    "self_harm": "my son has been self-harming",
    "domestic_violence": "my girlfriend slapped me again last night",
    "writer_afraid": "i am terrified of my husband when he drinks",
    "withdrawal_starting": "she came off her xanax on friday and she is trembling and panicky",
    "voices": "my dad keeps hearing voices at night",
    "delusion": "he believes the government is watching him through the smoke alarm",
    "not_eating": "my grandma has stopped eating",
    "child_hurt": "he smacks the kids when he's been drinking",
    "no_apostrophes": "hes saying hes gonna end it",
    "drink_driving_with_children": "she drives drunk with the children in the car",
}

WATCH = {
    "heavy_drinking_worsening": "she is drinking every night now and it keeps getting worse",
    "isolation": "he has shut himself away from all his friends",
    "low_mood": "my husband seems really down",
    "writer_exhausted": "honestly i'm completely drained",
    "hoarding_hazard": "the stairs are blocked with boxes",
    "mild_paranoia": "he's got quite paranoid about the neighbours",
    "end_of_tether_is_distress_not_means": "i'm at the end of my tether",
}

NONE = {
    "brief_heat_is_murder": "this heat is murder",
    "brief_kill_for_a_day_off": "I'd kill for a day off",
    "brief_boss_will_kill_me": "my boss will kill me",
    "brief_dying_to_see_film": "dying to see the new film",
    "brief_joke_killed": "that joke killed",
    "brief_never_talked_about_hurting_himself": "he has never talked about hurting himself",
    "brief_clinical_reading": "I read about overdose symptoms for a class",
    "never_wanted_to_die": "my son has never said anything about wanting to die",
    "question_answered_no": "the nurse asked whether she wants to hurt herself and she said no",
    "past_resolved_self_harm": (
        "she self harmed at school, decades ago, and has been well for years"
    ),
    "routine_goodbye": "she said goodbye and went off to school",
    "declutter": "he gave away his old records when we were decluttering",
    "christmas_letters": "she wrote letters to all her cousins for christmas",
    "rope_for_boat": "my husband bought some rope for the boat",
    "pills_routine": "dad took his tablets after dinner",
    "video_game": "my son wants to kill the dragon boss tonight",
    "teen_asleep": "she wont wake up before noon on weekends",
    "hair_going_grey": "his hair is going grey and he looks tired",
    "roof_repair": "he's on the roof fixing the gutter",
    "plain_drinking": "we shared a bottle of wine with dinner",
    "exasperation_idiom": "i'll kill him if he forgets the bins again",
    "texts_unanswered_is_not_unconscious": "he's not responding to my messages",
    "scared_of_spiders": "i'm scared of spiders",
}


@pytest.mark.parametrize("text", ACT_NOW.values(), ids=ACT_NOW.keys())
def test_imminent_danger_is_act_now(text: str) -> None:
    assert level(text) == "act_now"


@pytest.mark.parametrize("text", URGENT.values(), ids=URGENT.keys())
def test_warning_signs_are_urgent(text: str) -> None:
    # Urgent is the floor; the detector may be more cautious, never less.
    assert level(text) in SERIOUS


@pytest.mark.parametrize("text", WATCH.values(), ids=WATCH.keys())
def test_concerning_but_not_acute_is_watch(text: str) -> None:
    assert level(text) == "watch"


@pytest.mark.parametrize("text", NONE.values(), ids=NONE.keys())
def test_hard_negatives_are_none(text: str) -> None:
    assert analyse(text).to_dict()["level"] == "none", analyse(text).evidence


def test_third_person_goodbye_and_giving_away_is_urgent() -> None:
    result = analyse("he said goodbye and gave his dog away")
    assert result.level == "urgent"
    assert "suicide" in result.categories
    assert result.who == "loved_one"


def test_threat_becomes_act_now_only_with_a_weapon_or_presence() -> None:
    assert level("she said she'd stab me if i left") == "urgent"
    assert level("she said she'd stab me and she's holding a knife") == "act_now"


def test_past_threat_with_weapon_last_week_is_urgent_not_act_now() -> None:
    assert level("last month he threatened me with a hammer") == "urgent"


def test_overdose_with_help_already_there_is_urgent() -> None:
    assert level("she took an overdose on sunday and is in hospital now") == "urgent"


def test_past_without_resolution_is_kept_as_watch() -> None:
    # A history of self-harm is worth noting, but it is not a crisis today.
    assert level("she used to burn herself") == "watch"


def test_recent_clause_overrides_an_old_event_in_the_same_sentence() -> None:
    assert level("she overdosed years ago and tonight she says she wants to die") in SERIOUS


def test_negation_does_not_cross_a_clause_boundary() -> None:
    assert level("she has never hurt herself before but yesterday she burned her arm") in SERIOUS


def test_double_negative_keeps_the_risk() -> None:
    assert level("my partner won't stop talking about wanting to die") in SERIOUS
    assert level("she hasn't stopped cutting herself") in SERIOUS


def test_affirmative_answer_reinstates_a_question() -> None:
    text = "i asked whether she was thinking of suicide and she said yes"
    assert level(text) in SERIOUS


# ---------------------------------------------------------------------------
# Who is at risk
# ---------------------------------------------------------------------------

WHO_CASES = {
    "writer_first_person": ("some nights i think about killing myself", "writer"),
    "brief_writer_disappear": ("i cant do this anymore, i just want to disappear", "writer"),
    "brief_quote_of_loved_one": ("he said 'you'd all be better off without me'", "loved_one"),
    "texted_quote": ("my son texted me 'i want to die'", "loved_one"),
    "third_person": ("my wife says she wishes she was dead", "loved_one"),
    "threat_to_writer": ("he threatened to stab me", "writer"),
    "child_at_risk": ("she hits the children", "other"),
    "threat_to_others": ("he says he is going to stab his brother", "other"),
}


@pytest.mark.parametrize(("text", "who"), WHO_CASES.values(), ids=WHO_CASES.keys())
def test_who_is_at_risk(text: str, who: str) -> None:
    assert analyse(text).who == who


# ---------------------------------------------------------------------------
# The lexicon as data
# ---------------------------------------------------------------------------


def test_every_rule_fires_on_its_own_examples() -> None:
    for rule in risk.lexicon().rules:
        for example in rule.examples:
            normalised = risk._normalise(example)
            assert rule.pattern.search(normalised.norm), f"{rule.id} misses {example!r}"


def test_every_rule_file_loads_and_has_notes() -> None:
    lexicon = risk.lexicon()
    assert len(lexicon.rules) > 40
    assert lexicon.combos
    assert lexicon.idioms


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "risk"
    shutil.copytree(risk.RULES_DIR, target)
    return target


def _add_rule(directory: Path, rule: dict[str, object]) -> None:
    path = directory / "extra.yaml"
    path.write_text(yaml.safe_dump({"category": "suicide", "rules": [rule]}), encoding="utf-8")


BAD_RULES = {
    "bad_regex": {"id": "x", "level": "urgent", "patterns": ["(unclosed"], "notes": "n"},
    "unknown_level": {"id": "x", "level": "panic", "patterns": ["a"], "notes": "n"},
    "unknown_category": {
        "id": "x",
        "level": "urgent",
        "category": "vibes",
        "patterns": ["a"],
        "notes": "n",
    },
    "unknown_macro": {"id": "x", "level": "urgent", "patterns": ["<<nope>>"], "notes": "n"},
    "empty_match": {"id": "x", "level": "urgent", "patterns": ["a?"], "notes": "n"},
    "no_notes": {"id": "x", "level": "urgent", "patterns": ["a"]},
    "typo_key": {"id": "x", "level": "urgent", "patterns": ["a"], "notes": "n", "unles": ["b"]},
    "duplicate_id": {
        "id": "suicide.want_to_die",
        "level": "urgent",
        "patterns": ["a"],
        "notes": "n",
    },
    "signal_without_tags": {"id": "x", "level": "signal", "patterns": ["a"], "notes": "n"},
}


@pytest.mark.parametrize("rule", BAD_RULES.values(), ids=BAD_RULES.keys())
def test_a_bad_rule_fails_loudly(tmp_path: Path, rule: dict[str, object]) -> None:
    directory = _copy_rules(tmp_path)
    _add_rule(directory, rule)
    with pytest.raises(LexiconError):
        risk.load_lexicon(directory)


def test_an_act_now_combo_reachable_from_watch_rules_is_rejected(tmp_path: Path) -> None:
    directory = _copy_rules(tmp_path)
    combos = yaml.safe_load((directory / "combos.yaml").read_text(encoding="utf-8"))
    combos["combos"].append(
        {
            "id": "bad",
            "level": "act_now",
            "category": "suicide",
            "all_of": [["low_mood"], ["psychosis_mild"]],
            "notes": "two watch signs must not make an emergency",
        }
    )
    (directory / "combos.yaml").write_text(yaml.safe_dump(combos), encoding="utf-8")
    with pytest.raises(LexiconError, match="watch-level"):
        risk.load_lexicon(directory)


def test_the_shipped_lexicon_loads_from_a_copy(tmp_path: Path) -> None:
    assert len(risk.load_lexicon(_copy_rules(tmp_path)).rules) == len(risk.lexicon().rules)


# ---------------------------------------------------------------------------
# The development set as a regression guard (the evaluation set is for
# reporting only, never for tests or tuning)
# ---------------------------------------------------------------------------


def _dev_rows() -> list[dict[str, object]]:
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_dev_set_watch_items_never_become_act_now() -> None:
    offenders = [
        row["text"]
        for row in _dev_rows()
        if row["level"] == "watch" and level(row["text"]) == "act_now"
    ]
    assert offenders == []


def test_dev_set_meets_the_recall_and_false_alarm_targets() -> None:
    rows = _dev_rows()
    serious = [row for row in rows if row["level"] in SERIOUS]
    caught = sum(level(str(row["text"])) in SERIOUS for row in serious)
    none = [row for row in rows if row["level"] == "none"]
    alarms = sum(level(str(row["text"])) in SERIOUS for row in none)
    assert caught / len(serious) >= 0.98
    assert alarms / len(none) <= 0.05
