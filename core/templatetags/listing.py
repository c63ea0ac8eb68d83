"""Template tags for list pages: sortable column headers and navigation links."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.listing import querystring_without_empty

register = template.Library()


def current_sort(filterset) -> str:
    """The sort a list shows: its ``o`` parameter, or else the first term of the queryset's own order.

    A term no column sorts by gives "", so that no header claims an order the list does not have.
    """
    ordering = filterset.filters.get("o")
    if ordering is None:
        return ""
    chosen = [value for value in filterset.data.getlist("o") if value] if hasattr(filterset.data, "getlist") else []
    if chosen:
        return chosen[0]
    query = filterset.queryset.query
    terms = list(query.order_by) or list(query.get_meta().ordering)
    if not terms or not isinstance(terms[0], str):
        return ""
    term = terms[0]
    descending = term.startswith("-")
    param = ordering.param_map.get(term.lstrip("-"), "")
    return f"-{param}" if descending and param else param


@register.simple_tag(takes_context=True)
def sort_header(context, field: str, label: str, classes: str = ""):
    """A list's column header that sorts by ``field``: ascending first, reversed on the next click.

    The header shows the direction with an arrow and ``aria-sort``; the link keeps every other filter,
    drops the page number and every empty parameter.
    """
    request = context["request"]
    filterset = context.get("filter")
    current = current_sort(filterset) if filterset is not None else request.GET.get("o", "")
    params = querystring_without_empty(request.GET, o=f"-{field}" if current == field else field, page=None)
    if current == field:
        aria, arrow = "ascending", "▲"
    elif current == f"-{field}":
        aria, arrow = "descending", "▼"
    else:
        aria, arrow = None, "↕"
    return format_html(
        '<th scope="col" class="{}"{}><a class="sort-link" href="?{}" title="{}">{}<span class="sort-arrow"'
        ' aria-hidden="true">{}</span></a></th>',
        " ".join(filter(None, ["sortable", classes])),
        format_html(' aria-sort="{}"', aria) if aria else "",
        params,
        gettext("Sort by %(column)s") % {"column": label},
        label,
        arrow,
    )


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, link_class: str = "nav-link", item_class: str = "nav-item"):
    """A navigation bar entry (or, with ``link_class="dropdown-item"``, a menu entry), marked active
    on its own section. A test checks that every entry of the bar resolves."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    path = context["request"].path
    active = path == url or (url != "/" and path.startswith(url))
    return format_html(
        '<li class="{}"><a class="{}{}" href="{}"{}>{}</a></li>',
        item_class,
        link_class,
        " active" if active else "",
        url,
        mark_safe(' aria-current="page"') if active else "",
        label,
    )
