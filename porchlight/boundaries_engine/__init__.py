"""Plain-Python engines for "Boundaries, not walls" and "Take care of yourself".

No Django imports. Two engines, each with its content kept as data:

- :mod:`porchlight.boundaries_engine.enabling` — the support-vs-enabling check
  (``content/boundaries/enabling_check.yaml``): questions about what the supporter does,
  and a suggested boundary for each pattern that shows up.
- :mod:`porchlight.boundaries_engine.checkin` — the weekly self-care check-in
  (``content/selfcare/checkin.yaml``): a burnout score and band, the supporter's own
  safety flags, sustained decline, and self-care plan prompts.

Both loaders read their files with :class:`porchlight.content.reader.Reader`.
"""

from __future__ import annotations

from pathlib import Path

from porchlight.content.questionnaire import Source
from porchlight.content.reader import ContentDataError, Reader, article_slugs, read_yaml

__all__ = ["CONTENT_DIR", "ContentDataError", "Reader", "Source", "article_slugs", "read_yaml"]

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
