"""The "Understand the refusal" engine: barrier map, stage of change and playbook.

Plain Python with no Django imports, split by job:

- :mod:`.model`: the content model and the results (frozen dataclasses);
- :mod:`.load`: reading ``porchlight/content/understand/`` through the shared strict
  Reader, cross-checked and cached (:func:`load_content`);
- :mod:`.score`: answers → barrier map and stage estimate (:func:`score`);
- :mod:`.playbook`: the next steps, things to avoid, techniques, professional help,
  support groups and relationship patterns that fit (:func:`build_playbook`).

Everything a supporter reads lives as data in ``porchlight/content/understand/``:

- ``questions.yaml``: the guided questions about what the supporter observes;
- ``scoring.yaml``: for every option, which barriers and stages it points to (whole
  number weights) and a "because you said ..." phrase, plus the descriptions of each
  barrier, stage, the relapse note and the safety flags, with sources;
- ``playbook.yaml``: rules that turn the map into next steps, things to avoid,
  techniques, when to bring in a professional, support groups and (for BPD)
  relationship patterns, each linked to a learn article and citing sources; and the
  concerns and relationships a circle can choose from;
- ``demo_answers.yaml``: answers for the demo circles.

Loading is strict: unknown ids, missing or unknown sources, article slugs that don't
exist, options without a score and empty sections raise :class:`ContentError` (a
``ValueError``) naming the file and the item. Scoring and the playbook are
deterministic: the same input always gives the same output, in the same order.
"""

from porchlight.content.questionnaire import Option, Question, Source
from porchlight.understand.engine.load import (
    ARTICLES_DIRECTORY,
    clear_cache,
    load_content,
    load_demo_answers,
    normalize_answers,
)
from porchlight.understand.engine.model import (
    CONTENT_DIRECTORY,
    NEXT_STEP_COUNT,
    SECTIONS,
    AnswerError,
    Answers,
    Assessment,
    BarrierInfo,
    BarrierScore,
    ConcernInfo,
    Condition,
    Content,
    ContentError,
    Effect,
    FlagInfo,
    FlagResult,
    Playbook,
    PlaybookItem,
    PlaybookRule,
    PlaybookRules,
    Reason,
    RelapseInfo,
    RelationshipInfo,
    Scoring,
    StageEstimate,
    StageInfo,
)
from porchlight.understand.engine.playbook import build_playbook
from porchlight.understand.engine.score import score

__all__ = [
    "ARTICLES_DIRECTORY",
    "CONTENT_DIRECTORY",
    "NEXT_STEP_COUNT",
    "SECTIONS",
    "AnswerError",
    "Answers",
    "Assessment",
    "BarrierInfo",
    "BarrierScore",
    "ConcernInfo",
    "Condition",
    "Content",
    "ContentError",
    "Effect",
    "FlagInfo",
    "FlagResult",
    "Option",
    "Playbook",
    "PlaybookItem",
    "PlaybookRule",
    "PlaybookRules",
    "Question",
    "Reason",
    "RelapseInfo",
    "RelationshipInfo",
    "Scoring",
    "Source",
    "StageEstimate",
    "StageInfo",
    "build_playbook",
    "clear_cache",
    "load_content",
    "load_demo_answers",
    "normalize_answers",
    "score",
]
