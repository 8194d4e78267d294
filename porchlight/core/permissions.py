"""Who may do what in a circle.

Code asks `role_has_permission(role, Permission.X)` (or the access helpers in
`porchlight.circles.access`), never compares role names, so the whole policy
lives in the one map below.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    SUPPORTER = "supporter", "Supporter"
    PROFESSIONAL = "professional", "Professional"


ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.OWNER: "Manages the circle and who is in it, and can do everything a supporter can.",
    Role.SUPPORTER: "Reads and writes the circle's plans and journal.",
    Role.PROFESSIONAL: ("Reads the safety plan and what the owner shares, and can write comments."),
}


class Permission(StrEnum):
    VIEW_CIRCLE = "view_circle"
    EDIT_CIRCLE = "edit_circle"
    DELETE_CIRCLE = "delete_circle"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    VIEW_ACTIVITY = "view_activity"
    VIEW_PLANS = "view_plans"
    EDIT_PLANS = "edit_plans"
    VIEW_JOURNAL = "view_journal"
    WRITE_JOURNAL = "write_journal"
    VIEW_SAFETY_PLAN = "view_safety_plan"
    EDIT_SAFETY_PLAN = "edit_safety_plan"
    SHARE_SAFETY_PLAN = "share_safety_plan"
    VIEW_SHARED = "view_shared"
    WRITE_COMMENTS = "write_comments"
    # Issue #15: only an owner shares the family team plan with professionals.
    SHARE_TEAM_PLAN = "share_team_plan"


_SUPPORTER = frozenset(
    {
        Permission.VIEW_CIRCLE,
        Permission.VIEW_MEMBERS,
        Permission.VIEW_PLANS,
        Permission.EDIT_PLANS,
        Permission.VIEW_JOURNAL,
        Permission.WRITE_JOURNAL,
        Permission.VIEW_SAFETY_PLAN,
        Permission.EDIT_SAFETY_PLAN,
        Permission.VIEW_SHARED,
        Permission.WRITE_COMMENTS,
    }
)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.OWNER: _SUPPORTER
    | {
        Permission.EDIT_CIRCLE,
        Permission.DELETE_CIRCLE,
        Permission.MANAGE_MEMBERS,
        Permission.VIEW_ACTIVITY,
        Permission.SHARE_SAFETY_PLAN,
        Permission.SHARE_TEAM_PLAN,
    },
    Role.SUPPORTER: _SUPPORTER,
    Role.PROFESSIONAL: frozenset(
        {
            Permission.VIEW_CIRCLE,
            Permission.VIEW_MEMBERS,
            Permission.VIEW_SAFETY_PLAN,
            Permission.VIEW_SHARED,
            Permission.WRITE_COMMENTS,
        }
    ),
}


def role_has_permission(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
