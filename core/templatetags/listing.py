"""Template tags for list pages: sortable column headers and navigation links."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_link(context, field: str, label: str):
    """A column header that sorts by ``field``, toggling direction, keeping every other parameter."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("o", "")
    descending = current == field
    params["o"] = f"-{field}" if descending else field
    params.pop("page", None)
    arrow = ""
    if current == field:
        arrow = " ▲"
    elif current == f"-{field}":
        arrow = " ▼"
    aria = "ascending" if current == field else "descending" if current == f"-{field}" else "none"
    return format_html('<a href="?{}" aria-sort="{}">{}{}</a>', params.urlencode(), aria, label, arrow)


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
