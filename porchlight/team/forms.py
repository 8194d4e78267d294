from __future__ import annotations

from typing import Any

from django import forms

from porchlight.core.forms import text_area
from porchlight.team import engine

MEMBER_ROWS = 8  # rows in the form without JavaScript; an empty row is left out
NAME_MAX_LENGTH = 60
TEXT_MAX_LENGTH = 2000
LETTER_MAX_LENGTH = 6000


class TeamPlanForm(forms.Form):
    """The whole team plan on one page: team, safety questions, the ladder, plan B, follow-up."""

    def __init__(self, *args: Any, content: engine.TeamContent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team = content
        roles = [(role.id, role.label) for role in content.roles]
        for n in range(MEMBER_ROWS):
            self.fields[f"member_{n}_name"] = forms.CharField(
                label=f"Person {n + 1}: first name or nickname",
                required=False,
                max_length=NAME_MAX_LENGTH,
            )
            self.fields[f"member_{n}_role"] = forms.ChoiceField(
                label=f"Person {n + 1}: role", choices=roles, required=False, initial="member"
            )
        for question in content.risk_questions:
            self.fields[f"risk_{question.id}"] = forms.BooleanField(
                label=question.text, required=False
            )
        self.fields["step"] = forms.ChoiceField(
            label="Which step are you on now?",
            choices=[(step.id, step.title) for step in content.ladder],
            widget=forms.RadioSelect,
            initial=content.ladder[0].id,
        )
        for step in content.ladder:
            self.fields[f"{step.id}_do"] = text_area(
                step.do_prompt, step.about, required=False, max_length=TEXT_MAX_LENGTH
            )
            self.fields[f"{step.id}_next"] = text_area(
                step.next_prompt, required=False, max_length=TEXT_MAX_LENGTH
            )
        self.fields["plan_b"] = text_area(
            "Plan B: what will you do if every step gets a no?",
            "For example: keep the door open, keep your boundaries, and look after yourselves.",
            required=False,
            max_length=TEXT_MAX_LENGTH,
        )
        self.fields["follow_up"] = text_area(
            "Who follows up afterwards, and when?",
            "A yes can fade in a day. Say who calls, and when.",
            required=False,
            max_length=TEXT_MAX_LENGTH,
        )

    def member_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"member_{n}_name"], self[f"member_{n}_role"]) for n in range(MEMBER_ROWS)]

    def risk_fields(self) -> list[forms.BoundField]:
        return [self[f"risk_{q.id}"] for q in self.team.risk_questions]

    def step_fields(self) -> list[tuple[engine.Step, forms.BoundField, forms.BoundField]]:
        return [(s, self[f"{s.id}_do"], self[f"{s.id}_next"]) for s in self.team.ladder]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(MEMBER_ROWS):
            if data.get(f"member_{n}_name", "").strip() and not data.get(f"member_{n}_role"):
                data[f"member_{n}_role"] = "member"
        return data

    def content(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "members": [
                {"name": data[f"member_{n}_name"], "role": data[f"member_{n}_role"] or "member"}
                for n in range(MEMBER_ROWS)
                if data.get(f"member_{n}_name", "").strip()
            ],
            "risks": [q.id for q in self.team.risk_questions if data.get(f"risk_{q.id}")],
            "step": data["step"],
            "steps": {
                s.id: {"do": data.get(f"{s.id}_do", ""), "next": data.get(f"{s.id}_next", "")}
                for s in self.team.ladder
            },
            "plan_b": data.get("plan_b", ""),
            "follow_up": data.get("follow_up", ""),
        }

    @staticmethod
    def data_from(content: dict[str, Any]) -> dict[str, Any]:
        """A version's content as the form's fields (its initial values, or an import's)."""
        data: dict[str, Any] = {
            "step": content.get("step", ""),
            "plan_b": content.get("plan_b", ""),
            "follow_up": content.get("follow_up", ""),
        }
        for n, member in enumerate(content.get("members", [])):
            data[f"member_{n}_name"] = member.get("name", "")
            data[f"member_{n}_role"] = member.get("role", "")
        for risk in content.get("risks", []):
            data[f"risk_{risk}"] = True
        for key, step in content.get("steps", {}).items():
            data[f"{key}_do"] = step.get("do", "")
            data[f"{key}_next"] = step.get("next", "")
        return data


class LetterForm(forms.Form):
    text = text_area(
        "Your letter",
        "Love first, then what you have seen, how you feel, and what you hope for.",
        max_length=LETTER_MAX_LENGTH,
        rows=10,
    )
    bottom_line = text_area(
        "A bottom line (only if you will truly keep it)",
        "What you will do, starting with “I will” or “I won't”. Leave it empty if you are "
        "not sure you can keep it every time.",
        required=False,
        max_length=TEXT_MAX_LENGTH,
    )
    will_keep = forms.BooleanField(
        label="I will truly keep this bottom line, every time.", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("bottom_line", "").strip() and not data.get("will_keep"):
            self.add_error(
                "will_keep",
                "Tick this only if you will keep it. If not, leave the bottom line out.",
            )
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by everyone who can read this plan.",
        error_messages={"required": "Write your comment first."},
    )


class ShareForm(forms.Form):
    """Share (with professionals, or a letter with the team), or stop."""

    shared = forms.ChoiceField(choices=[("yes", "Share"), ("no", "Stop sharing")])

    def share(self) -> bool:
        """Anything but a clear "yes" keeps it unshared."""
        return self.is_valid() and self.cleaned_data["shared"] == "yes"
