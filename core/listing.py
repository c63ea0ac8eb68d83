"""List pages: filter, search, sort and paginate in the database, all kept in the URL.

Every list page of the product is a ``RecordListView`` with a ``SearchFilterSet``:
filters, ``q`` (search), ``o`` (sort) and ``per_page`` live in the query string and
survive each other, so a view can be bookmarked and shared.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

import django_filters
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.http import HttpResponseRedirect, QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from core.export import ExportMixin
from core.fields import secure
from core.forms import bootstrap
from core.models import SavedView
from core.parsing import parse_count

PAGE_SIZES = (25, 50, 100)
# Words of a search beyond these are ignored: each is a condition, and thousands make a query no database runs.
MAX_SEARCH_WORDS = 8


@dataclass(frozen=True)
class Total:
    """One sum a list shows above its table: a kind of money over every filtered row, in USD."""

    label: str
    usd: Decimal
    note: str = ""


def contains(model, path: str, word: str) -> Q:
    """``path`` contains ``word``, without joining the list's rows to related tables.

    A field of a related record becomes ``IN`` a subquery of the records that match (the related
    table is searched once); through a many-to-many or reverse relation the subquery gives the ids
    of the list's own records, so that no row repeats and no ``DISTINCT`` is needed.
    """
    relation, _, rest = path.partition("__")
    if not rest:
        return Q(**{f"{path}__icontains": word})
    field = model._meta.get_field(relation)
    matching = field.related_model._base_manager.filter(contains(field.related_model, rest, word)).values("pk")
    if field.many_to_one or (field.one_to_one and field.concrete):
        return Q(**{f"{relation}__in": matching})
    if field.many_to_many:
        forward = field if field.concrete else field.remote_field
        through = forward.remote_field.through
        mine, theirs = forward.m2m_field_name(), forward.m2m_reverse_field_name()
        if not field.concrete:
            mine, theirs = theirs, mine
        return Q(pk__in=through._base_manager.filter(**{f"{theirs}__in": matching}).values(mine))
    # A reverse foreign key: the related rows that match name the list's records.
    return Q(
        pk__in=field.related_model._base_manager.filter(contains(field.related_model, rest, word)).values(
            field.field.name
        )
    )


def querystring_without_empty(query: QueryDict, **changes) -> str:
    """``query`` with ``changes`` applied (``None`` removes a key) and every empty value left out, encoded."""
    params = QueryDict(mutable=True)
    for key, values in query.lists():
        if key in changes:
            continue
        kept = [value for value in values if value != ""]
        if kept:
            params.setlist(key, kept)
    for key, value in changes.items():
        if value is not None and value != "":
            params[key] = value
    return params.urlencode()


def has_empty_values(query: QueryDict) -> bool:
    return any(value == "" for _key, values in query.lists() for value in values)


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with free-text search ``q`` over ``search_fields`` and archived records hidden."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    archived = django_filters.BooleanFilter(
        method="filter_archived",
        label=_("Archived"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    def __init__(self, data=None, *args, **kwargs):
        # An unbound FilterSet skips filter_queryset(), which would show archived records on a
        # first visit; an empty query string is bound as "no filters" instead.
        super().__init__({} if data is None else data, *args, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            secure(super().form)
        return self._form

    def search(self, queryset, name, value):
        words = value.split()[:MAX_SEARCH_WORDS]
        for word in words:
            queryset = queryset.filter(
                reduce(or_, (contains(queryset.model, field, word) for field in self.search_fields))
            )
        return queryset

    def filter_archived(self, queryset, name, value):
        return queryset.filter(is_archived=value)

    def filter_queryset(self, queryset):
        # Archived records leave lists unless the archived filter asks for them.
        if self.form.cleaned_data.get("archived") is None:
            queryset = queryset.filter(is_archived=False)
        return super().filter_queryset(queryset)


class BootstrapFilterSet(SearchFilterSet):
    """A ``SearchFilterSet`` whose form carries Bootstrap classes, rendered by ``includes/filter_panel.html``.

    ``primary_filters`` are always in view; the others fold under "More filters".
    """

    primary_filters: tuple[str, ...] = ("q",)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            form.is_filter_form = True
            bootstrap(form)
            form.fields["q"].widget.attrs.setdefault("type", "search")
            for field in form.fields.values():
                if isinstance(field.widget, django_filters.widgets.BooleanWidget):
                    # "Unknown" reads as a value; an unset yes/no filter means "either".
                    field.widget.choices = (("", _("Any")), ("true", _("Yes")), ("false", _("No")))
        return super().form

    def primary_fields(self):
        return [self.form[name] for name in self.primary_filters if name in self.form.fields]

    def more_fields(self):
        return [field for field in self.form if field.name not in self.primary_filters]

    def is_narrowed(self) -> bool:
        """Whether any filter besides search holds a value, so that the folded filters open to show it."""
        return any(self.data.get(name) for name in self.form.fields if name not in ("q", "o"))

    def more_is_used(self) -> bool:
        """Whether a folded filter holds a value, so that the fold opens to show it."""
        return any(self.data.get(field.name) for field in self.more_fields() if field.name != "o")


class _AmongArray(Func):
    """``value = ANY(array)``: true when the array holds the value (PostgreSQL)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        (value_sql, value_params), (array_sql, array_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"{value_sql} = ANY({array_sql})", (*value_params, *array_params)


class NarrowPaginator(Paginator):
    """Pages whose rows are chosen by their ids alone: a deep page costs about what the first does.

    ``OFFSET`` makes the database build every skipped row before it drops it, and a sort the index
    does not give builds every filtered row before it sorts them, with the joins and per-row
    subqueries of the page's columns. So the page's ids are picked first, with ``OFFSET``, from the
    list's filtered and ordered ids only (the sort's own expressions kept), and the full rows are
    built for those ids alone: still one query, ``pk IN (the page's ids)``.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom: int, top: int):
        rows = self.object_list
        if not isinstance(rows, QuerySet) or rows.query.distinct or rows.query.combinator or not rows.ordered:
            # A DISTINCT or combined query, or a list, is paged as it is.
            return rows[bottom:top]
        ids = rows.values("pk")[bottom:top]
        if connections[rows.db].vendor == "postgresql":
            # PostgreSQL plans ``IN (subquery)`` as a semi-join and may build every row's joins before it: ``=
            # ANY(ARRAY(subquery))`` computes the ids once and fetches those rows by their primary key.
            return rows.filter(_AmongArray(F("pk"), ArraySubquery(ids)))
        return rows.filter(pk__in=ids)


class RecordListView(LoginRequiredMixin, PermissionRequiredMixin, ExportMixin, FilterView):
    """A login-protected, permission-checked, filtered and paginated list, exported as it is filtered."""

    paginate_by = PAGE_SIZES[0]
    paginator_class = NarrowPaginator
    template_name_suffix = "_list"
    # A malformed filter shows its error and an empty list, never an unfiltered one.
    strict = True

    def get_permission_required(self):
        if self.permission_required is None:
            meta = self.model._meta
            return [f"{meta.app_label}.view_{meta.model_name}"]
        return super().get_permission_required()

    def paginate_queryset(self, queryset, page_size):
        """The page asked for; a page number past the end shows the last page, one that is no number the first."""
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        asked = self.request.GET.get(self.page_kwarg)
        number = paginator.num_pages if asked == "last" else parse_count(asked, default=1, minimum=1)
        page = paginator.get_page(number)
        return (paginator, page, page.object_list, page.has_other_pages())

    def get(self, request, *args, **kwargs):
        if has_empty_values(request.GET):
            # A filter form sends every field, most of them empty: the address to share names only those in use.
            query = querystring_without_empty(request.GET)
            return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)
        file_format = self.export_format()
        if file_format is None:
            return super().get(request, *args, **kwargs)
        # The page's own queryset through the page's own filters; a malformed filter shows the page and its error.
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_valid():
            return super().get(request, *args, **kwargs)
        return self.export(file_format, self.filterset.qs)

    def get_paginate_by(self, queryset):
        return parse_count(self.request.GET.get("per_page"), default=self.paginate_by, choices=PAGE_SIZES)

    def list_totals(self, queryset) -> dict | None:
        """Sums over ``queryset``, every filtered row and not only the page: ``{"rows": [Total, ...], "pending": n}``.

        ``pending`` counts amounts waiting for an exchange rate, in no sum. None (the default) shows no totals.
        """
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = getattr(self, "filterset", None)
        if context["object_list"] and filterset is not None and filterset.is_valid():
            context["totals"] = self.list_totals(filterset.qs)
        context["page_sizes"] = PAGE_SIZES
        match = self.request.resolver_match
        context["list_name"] = match.view_name if match else ""
        context["saved_views"] = list(
            SavedView.objects.for_list(self.request.user, context["list_name"]).select_related("owner")
        )
        context["can_share_views"] = self.request.user.has_perm("core.share_savedview")
        context["export_links"] = self.export_links()
        context["result_count"] = (
            context["paginator"].count if context.get("paginator") else len(context["object_list"])
        )
        return context
