"""The end-of-session summary counts what the coach counts, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from porchlight.language.coach import analyse_message
from porchlight.rehearse import engine

SENTENCES = Path(__file__).resolve().parents[2] / "benchmarks/data/coach_supporter_sentences.jsonl"


def turn(**counts: object) -> dict[str, object]:
    base: dict[str, object] = {
        "questions": 0, "open_questions": 0, "closed_questions": 0, "reflections": 0,
        "complex_reflections": 0, "roadblocks": {}, "mi_adherent": 0, "craft_points": 0,
    }  # fmt: skip
    return base | counts


def test_a_hand_coded_session_is_summed_as_miti_would() -> None:
    # Coded by hand: 4 reflections (3 complex), 2 questions (1 open), 2 roadblocks.
    session = [
        turn(reflections=1, complex_reflections=1, craft_points=2),
        turn(questions=1, open_questions=1, craft_points=2),
        turn(roadblocks={"ordering": 1, "threatening": 1}),
        turn(reflections=2, complex_reflections=1, craft_points=3, mi_adherent=1),
        turn(questions=1, closed_questions=1, roadblocks={}),
        turn(reflections=1, complex_reflections=1, craft_points=2),
    ]
    moves = ["complex_reflection", "open_question", "roadblock", "complex_reflection",
             "closed_question", "complex_reflection"]  # fmt: skip

    summary = engine.summarise(session, moves)

    assert {k: summary[k] for k in (
        "turns", "questions", "open_questions", "reflections", "complex_reflections",
        "roadblocks", "craft_points", "reflection_to_question", "percent_complex",
    )} == {
        "turns": 6, "questions": 2, "open_questions": 1, "reflections": 4,
        "complex_reflections": 3, "roadblocks": 2, "craft_points": 9,
        "reflection_to_question": 2.0, "percent_complex": 75,
    }  # fmt: skip
    assert summary["roadblock_kinds"] == {"ordering": 1, "threatening": 1}
    assert summary["moves"] == {"roadblock": 1, "complex_reflection": 3, "open_question": 1,
                                "closed_question": 1}  # fmt: skip
    assert summary["try_next"].startswith("Fewer roadblocks (ordering came up most).")


def test_a_session_with_no_questions_or_reflections_has_no_ratios() -> None:
    summary = engine.summarise([turn(), turn(mi_adherent=1)], ["other", "support"])

    assert (summary["reflection_to_question"], summary["percent_complex"]) == (None, None)
    assert summary["went_well"] == "Your warmth and respect for their choices came through."
    assert summary["try_next"] == (
        "Try a reflection: say back, in your own words, what they just told you."
    )


def test_questions_without_reflections_suggest_reflecting_more() -> None:
    summary = engine.summarise(
        [turn(questions=1, open_questions=1), turn(questions=1, closed_questions=1)],
        ["open_question", "closed_question"],
    )

    assert summary["reflection_to_question"] == 0.0
    assert summary["went_well"] == "Your open questions gave them room to talk."


def test_a_played_session_is_summed_from_the_real_coach() -> None:
    texts = [
        "You sound exhausted.",  # complex reflection
        "What's been the hardest part for you?",  # open question
        "You have to stop drinking.",  # roadblock: ordering
        "It makes sense that you'd want me to back off.",  # simple reflection
    ]
    readings = [engine.read_turn(t) for t in texts]

    summary = engine.summarise([r.counts for r in readings], [r.move for r in readings])

    assert [r.move for r in readings] == [
        "complex_reflection", "open_question", "roadblock", "reflection",
    ]  # fmt: skip
    assert (summary["reflections"], summary["complex_reflections"]) == (2, 1)
    assert (summary["questions"], summary["open_questions"], summary["roadblocks"]) == (1, 1, 1)
    assert summary["reflection_to_question"] == 2.0


def test_rehearsal_scoring_is_the_coach_on_the_benchmark_sentences() -> None:
    disagreements = []
    for line in SENTENCES.read_text().splitlines():
        item = json.loads(line)
        coach = analyse_message(item["text"])
        reading = engine.read_turn(item["text"])
        same = (
            reading.counts["roadblocks"] == coach.summary.roadblocks
            and reading.counts["reflections"] == coach.summary.reflections
            and reading.counts["questions"] == coach.summary.questions
            and (reading.move == "roadblock") == bool(coach.roadblocks)
        )
        if not same:
            disagreements.append(item["id"])

    assert disagreements == []
