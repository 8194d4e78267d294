"""Who is acting: the user and where they came from, passed to services instead of a request.

Services never see the HTTP request (and so never touch the session); a view
builds ``Actor.of(request)`` and passes it as ``by=``, the way job-server passes
``by=request.user``. Commands, tasks and tests build ``Actor(user)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    user: Any
    ip: str | None = None

    @classmethod
    def of(cls, request: HttpRequest) -> Actor:
        return cls(user=request.user, ip=request.META.get("REMOTE_ADDR") or None)
