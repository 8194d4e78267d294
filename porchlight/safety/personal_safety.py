"""Ask "is it safe for you?" before advice that could raise the risk of violence.

Withdrawing rewards, letting consequences happen or setting a limit can anger
someone who is already violent. CRAFT screens for domestic violence before
teaching those skills (Smith & Meyers, 2004), and safety planning puts the
person at risk first (National Domestic Violence Hotline, Path to safety).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from porchlight.circles.models import Membership
from porchlight.content import crisis_lines
from porchlight.safety.forms import SafeForYouForm
from porchlight.safety.models import PersonalSafetyAnswer

ASK_AGAIN_AFTER = timedelta(days=30)


def latest_answer(membership: Membership) -> PersonalSafetyAnswer | None:
    """The member's answer if it is recent enough to rely on."""
    answer = PersonalSafetyAnswer.objects.filter(membership=membership).first()
    if answer is None or answer.answered_at < timezone.now() - ASK_AGAIN_AFTER:
        return None
    return answer


def gate(membership: Membership) -> str:
    """``ask`` (no recent answer), ``afraid`` (afraid or not sure) or ``safe``."""
    answer = latest_answer(membership)
    if answer is None:
        return "ask"
    return "afraid" if answer.afraid else "safe"


def gate_context(membership: Membership, *, next_url: str) -> dict[str, Any]:
    """What a gated page shows: the question, safety first (with the crisis lines), or nothing.

    ``{"ask_if_safe": True, "form": …}`` when there is no recent answer; ``{"safety_first":
    True, "directory": …}`` when they are afraid or not sure; ``{}`` when they feel safe.
    """
    found = gate(membership)
    if found == "ask":
        form = SafeForYouForm(initial={"next": next_url}, name=membership.circle.name)
        return {"ask_if_safe": True, "form": form}
    if found == "afraid":
        return {
            "safety_first": True,
            "directory": crisis_lines.get_country(str(membership.circle.country)),
        }
    return {}


def record_answer(*, membership: Membership, afraid: bool) -> PersonalSafetyAnswer:
    return PersonalSafetyAnswer.objects.create(membership=membership, afraid=afraid)
