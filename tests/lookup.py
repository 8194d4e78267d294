"""Find rows by the value of a field encrypted at rest, which SQL cannot compare."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


def matching(queryset: QuerySet[Any], **values: Any) -> list[Any]:
    return [row for row in queryset if all(getattr(row, k) == v for k, v in values.items())]


def one(queryset: QuerySet[Any], **values: Any) -> Any:
    rows = matching(queryset, **values)
    assert len(rows) == 1, f"expected one row with {values}, found {len(rows)}"
    return rows[0]
