"""How good is this reflection? The one place the rehearsal asks.

``reflection_quality`` answers 2 (complex reflection), 1 (simple reflection) or
0 (not a reflection, or a poor one), the scale of ``porchlight reflect``.
The conversation coach decides whether the turn is a reflection at all (it was
trained on whole MI sessions); the reflection grader (``porchlight reflect``,
trained on expert-graded replies to client statements) decides how deep it goes,
because it reads the reply against what the loved one just said.
"""

from __future__ import annotations

from porchlight.language import reflect
from porchlight.language.coach import MessageAnalysis


def reflection_quality(*, prompt: str, reply: str, analysis: MessageAnalysis) -> int:
    """2 complex, 1 simple, 0 none, for the supporter's ``reply`` to ``prompt``."""
    coach = 0
    for sentence in analysis.sentences:
        if sentence.behaviour != "reflection" or sentence.roadblocks:
            continue
        coach = max(coach, 2 if sentence.reflection_type == "complex" else 1)
    if coach == 0 or not prompt.strip():
        return coach
    return 2 if reflect.grade(prompt, reply).quality == 2 else 1
