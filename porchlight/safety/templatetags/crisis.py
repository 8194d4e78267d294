"""``{% crisis_contacts level as crisis %}``: the numbers for the act-now include."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

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


@register.filter(needs_autoescape=True)
def phone_links(text: Any, region: Any = None, autoescape: bool = True) -> SafeString:
    """Plan text with every phone number typed in it as a ``tel:`` link (page and PDF)."""
    return mark_safe(crisis.link_phone_numbers(str(text or ""), str(region or "")))  # noqa: S308
