"""``{% crisis_contacts level as crisis %}``: the numbers for the act-now include."""

from __future__ import annotations

from typing import Any

from django import template

from porchlight.safety import crisis

register = template.Library()


@register.simple_tag(takes_context=True)
def crisis_contacts(context: template.Context, level: str | None = None) -> crisis.CrisisContacts:
    """Reads ``crisis_country`` (a page about one country), then ``circle``, then the request."""
    return crisis.contacts_for(
        request=context.get("request"),
        circle=context.get("circle"),
        country=context.get("crisis_country"),
        level=level,
    )


@register.simple_tag
def country_choices() -> dict[str, Any]:
    return crisis.country_choices()
