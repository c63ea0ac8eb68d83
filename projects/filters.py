"""List filters for investment projects and parks."""

from datetime import date

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import start_of_day
from core.display import person
from core.widgets import SearchSelect
from partners.filters import BootstrapFilterSet
from partners.models import Country, CountryGroup, Organization, Sector
from projects.gates import has_gaps_q
from projects.models import Direction, District, InvestmentProject, Park, Stage, StageChange, Status, officers

DATE = forms.DateInput({"type": "date"})


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return person(user)


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class ProjectFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "investor__name", "investor__name_zh", "description")
    primary_filters = ("q", "status", "origin_country", "sector", "park", "stage")

    # A column of the project itself: no join, so no DISTINCT (which would count over every column).
    stage = django_filters.MultipleChoiceFilter(
        choices=Stage.choices, widget=forms.CheckboxSelectMultiple, label=_("Stage"), distinct=False
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    origin_country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.filter(is_archived=False), label=_("Country")
    )
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.filter(is_archived=False), label=_("Sector"))
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.active(), label=_("Park or zone"))
    origin_group = django_filters.ModelChoiceFilter(
        field_name="origin_country__groups",
        queryset=CountryGroup.objects.filter(is_archived=False),
        to_field_name="code",
        label=_("Group of countries"),
    )
    district = django_filters.ChoiceFilter(choices=District.choices, label=_("District"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    reached = django_filters.ChoiceFilter(
        choices=Stage.choices, method="filter_reached", label=_("Reached stage (now or once)")
    )
    signed_year = django_filters.NumberFilter(
        method="filter_signed_year", label=_("First signed in year"), min_value=1900, max_value=2100
    )
    unrecorded = django_filters.ChoiceFilter(
        choices=[
            ("signed_on", _("Signing date")),
            ("district", _("District")),
            ("park", _("Park or zone")),
            ("origin_country", _("Origin country")),
        ],
        method="filter_unrecorded",
        label=_("Not recorded"),
    )
    phase = django_filters.BooleanFilter(
        field_name="parent",
        lookup_expr="isnull",
        exclude=True,
        label=_("Later phase or capital increase"),
        widget=django_filters.widgets.BooleanWidget(),
    )
    officer = PersonFilter(queryset=officers(), label=_("Officer"))
    investor = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), label=_("Investor"), widget=SearchSelect("organization")
    )
    project_type = django_filters.ChoiceFilter(choices=InvestmentProject.Type.choices, label=_("Type"))
    usd_min = django_filters.NumberFilter(
        field_name="contracted_usd", lookup_expr="gte", label=_("Contracted USD from"), min_value=0
    )
    usd_max = django_filters.NumberFilter(
        field_name="contracted_usd", lookup_expr="lte", label=_("Contracted USD up to"), min_value=0
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after"), widget=DATE
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before"), widget=DATE
    )
    changed_since = django_filters.DateFilter(method="filter_changed_since", label=_("Stage moved since"), widget=DATE)
    gaps = django_filters.BooleanFilter(
        method="filter_gaps",
        label=_("Data gaps for its stage"),
        widget=django_filters.widgets.BooleanWidget(),
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("investor__name", "investor"),
            ("origin_country__name", "country"),
            ("sector__name", "sector"),
            ("park__name", "park"),
            ("stage_order", "stage"),
            ("status", "status"),
            ("contracted_usd", "contracted_usd"),
            ("signed_on", "signed_on"),
            ("officer_name", "officer"),
        ),
        field_labels={
            "name": _("Name"),
            "investor__name": _("Investor"),
            "origin_country__name": _("Country"),
            "sector__name": _("Sector"),
            "park__name": _("Park or zone"),
            "stage_order": _("Stage"),
            "status": _("Status"),
            "contracted_usd": _("Contracted USD"),
            "signed_on": _("Signed on"),
            "officer_name": _("Officer"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = InvestmentProject
        fields = [
            "q",
            "stage",
            "status",
            "direction",
            "origin_country",
            "sector",
            "park",
            "officer",
            "investor",
            "project_type",
            "origin_group",
            "district",
            "reached",
            "signed_year",
            "unrecorded",
            "phase",
            "archived",
        ]

    def filter_gaps(self, queryset, name, value):
        return queryset.filter(has_gaps_q()) if value else queryset.exclude(has_gaps_q())

    def filter_reached(self, queryset, name, value):
        return queryset.reached(value)

    def filter_signed_year(self, queryset, name, value):
        if value != int(value):
            return queryset.none()
        year = int(value)
        return queryset.filter(signed_on__gte=date(year, 1, 1), signed_on__lt=date(year + 1, 1, 1))

    def filter_unrecorded(self, queryset, name, value):
        """Projects whose list-filter field ``value`` is empty: the KPI rows "not recorded" open these."""
        if value == "district":
            return queryset.filter(district="")
        return queryset.filter(**{f"{value}__isnull": True})

    def filter_changed_since(self, queryset, name, value):
        moved = StageChange.objects.filter(changed_at__gte=start_of_day(value)).values("project")
        return queryset.filter(pk__in=moved)


class ParkFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "description")
    primary_filters = ("q", "district")

    district = django_filters.ChoiceFilter(choices=District.choices, label=_("District"))
    o = django_filters.OrderingFilter(
        fields=(("name", "name"), ("district", "district"), ("project_count", "projects")),
        label=_("Sort by"),
    )

    class Meta:
        model = Park
        fields = ["q", "district", "archived"]
