"""Pieces every page shares: detail-page context, capped sections, list links, archiving."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import F, Func, Subquery
from django.db.models.functions import Coalesce
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponseRedirect
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from core.access import RecordAccessMixin
from core.parsing import has_null, parse_id

HISTORY_LINK_TEMPLATE = "history/_link.html"

# Rows a detail page shows per section; the rest is one "Show all" away.
SECTION_ROWS = 10


MAX_NEXT_LENGTH = 2000


def safe_next(request, fallback: str) -> str:
    """The ``next`` parameter when it points into this site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next")
    # A path on this site only: "last" or "crm:my_work" would be read by ``redirect()`` as a view's name.
    if (
        target
        and target.startswith("/")
        and len(target) <= MAX_NEXT_LENGTH
        and not has_null(target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def history_link_template() -> str:
    """The "History" link include, or "" where the history pages are not installed."""
    try:
        get_template(HISTORY_LINK_TEMPLATE)
    except (TemplateDoesNotExist, TemplateSyntaxError):
        return ""
    return HISTORY_LINK_TEMPLATE


def count_of(queryset):
    """A subquery counting ``queryset`` (filtered on an ``OuterRef``), 0 when empty."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def list_url(name: str, **params) -> str:
    """URL of the list ``name`` filtered by ``params``, or "" where that list is not installed."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{path}?{urlencode(params)}" if params else path


@dataclass
class Section:
    """The first rows of a detail page's section, with the true total and the list that has them all."""

    rows: list
    total: int
    url: str = ""

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __bool__(self):
        return bool(self.rows)


def section(queryset, url: str = "", rows: int = SECTION_ROWS) -> Section:
    """Two queries whatever the size: the first ``rows`` of ``queryset`` (in its order) and its count."""
    return Section(rows=list(queryset[:rows]), total=queryset.order_by().count(), url=url)


class FormUserMixin:
    """Pass the signed-in user to the form: its choices and messages follow what the user may see."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class PrefillMixin:
    """Fill fields of a new record from links such as ``?delegation=12``; a value that is no record key is ignored.

    ``prefill`` maps each query parameter to the form field it fills; a field holding several
    records gets a list of one.
    """

    prefill: dict[str, str] = {}

    def get_initial(self):
        initial = super().get_initial()
        fields = self.get_form_class().base_fields
        for param, name in self.prefill.items():
            key = parse_id(self.request.GET.get(param))
            if key is not None and name in fields:
                initial[name] = [key] if isinstance(fields[name], ModelMultipleChoiceField) else key
        return initial


class DetailPageMixin:
    """Context every detail page shares: whether the user may change it, and the History link."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.can_change(self.object)
        context["history_template"] = history_link_template()
        return context


class ArchiveView(RecordAccessMixin, SingleObjectMixin, View):
    """POST ``action=archive`` or ``action=restore``: archived records leave lists, nothing is deleted."""

    for_change = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        archive = request.POST.get("action") == "archive"
        if record.is_archived != archive:
            record.is_archived = archive
            record._change_reason = _("Archived") if archive else _("Restored")
            record.save(update_fields=["is_archived"])
        if archive:
            message = _("“%(record)s” is archived: it leaves lists but stays reachable here.")
            messages.success(request, message % {"record": record})
        else:
            messages.success(request, _("“%(record)s” is restored.") % {"record": record})
        return HttpResponseRedirect(record.get_absolute_url())
