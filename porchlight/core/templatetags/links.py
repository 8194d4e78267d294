"""``{% link %}``: Django's ``{% url %}`` with the same arguments, through `core.links`.

A built-in of the template engine (settings.TEMPLATES), so no ``{% load %}`` is needed.
"""

from __future__ import annotations

from django import template
from django.template import Context
from django.template.defaulttags import URLNode, url
from django.utils.html import conditional_escape

from porchlight.core.links import link as cached_link

register = template.Library()


class LinkNode(URLNode):
    def render(self, context: Context) -> str:
        path = cached_link(
            self.view_name.resolve(context),
            *(arg.resolve(context) for arg in self.args),
            **{name: value.resolve(context) for name, value in self.kwargs.items()},
        )
        if self.asvar:
            context[self.asvar] = path
            return ""
        return conditional_escape(path) if context.autoescape else path


@register.tag
def link(parser: template.base.Parser, token: template.base.Token) -> LinkNode:
    """``{% link 'journal:entry' circle_id=circle.id entry_id=entry.id %}``"""
    node = url(parser, token)
    return LinkNode(node.view_name, node.args, node.kwargs, node.asvar)
