"""`{% circle_nav_links membership as links %}`: the circle nav, from content/sections.yaml."""

from __future__ import annotations

from django import template

from porchlight.circles.models import Membership
from porchlight.circles.sections import nav_for

register = template.Library()


@register.simple_tag
def circle_nav_links(membership: Membership) -> list[dict[str, str]]:
    return nav_for(membership)
