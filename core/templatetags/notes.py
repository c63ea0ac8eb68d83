"""The "Notes and files" section any detail page includes: ``{% load notes %}{% notes_section object %}``."""

from django import template

from core.notes import takes_notes
from core.views import SECTION_ROWS

register = template.Library()


@register.inclusion_tag("core/notes_section.html", takes_context=True)
def notes_section(context, record):
    """The record's newest notes and files with the forms to add one; a fixed number of queries whatever their count."""
    from core.notes_views import section_context

    request = context["request"]
    if record is None or not takes_notes(record):
        return {"hidden": True}
    return {**section_context(request, record, rows=SECTION_ROWS), "csrf_token": context.get("csrf_token")}


@register.simple_tag
def may_remove(user, remark) -> bool:
    """``core.notes.may_remove`` for a template that has a note or file without the section's precomputed answer."""
    from core.notes import may_remove as rule

    return rule(user, remark)
