"""How good is this reflection? The one place the rehearsal asks.

``reflection_quality`` answers 2 (complex reflection), 1 (simple reflection) or
0 (not a reflection, or a poor one), the scale of ``porchlight reflect``.
Today it reads the conversation coach's reflection and complex-reflection
output; when the reflection scorer (issue 13) lands, only this function
changes: it already receives what the loved one said (``prompt``).
"""

from __future__ import annotations

from porchlight.language.coach import MessageAnalysis


def reflection_quality(*, prompt: str, reply: str, analysis: MessageAnalysis) -> int:
    """2 complex, 1 simple, 0 none, for the supporter's ``reply`` to ``prompt``."""
    del prompt, reply  # used by the reflection scorer; the coach reads ``analysis``
    best = 0
    for sentence in analysis.sentences:
        if sentence.behaviour != "reflection" or sentence.roadblocks:
            continue
        best = max(best, 2 if sentence.reflection_type == "complex" else 1)
    return best
