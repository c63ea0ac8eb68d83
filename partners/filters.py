"""List filters for organizations, contacts and countries."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.listing import BootstrapFilterSet
from core.widgets import SearchSelect
from partners.models import Contact, Country, CountryGroup, Organization, Sector


class OrganizationFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "city")
    primary_filters = ("q", "kind", "country", "sector")

    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.filter(is_archived=False), label=_("Country"))
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.filter(is_archived=False), label=_("Sector"))
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("kind", "kind"),
            ("country__name", "country"),
            ("city", "city"),
            ("sector__name", "sector"),
            ("contact_count", "contacts"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "country", "sector", "archived"]


class ContactFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "title", "email", "organization__name", "organization__name_zh")
    primary_filters = ("q", "organization")

    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), label=_("Organization"), widget=SearchSelect("organization")
    )
    no_organization = django_filters.BooleanFilter(
        field_name="organization",
        lookup_expr="isnull",
        label=_("No organization"),
        widget=django_filters.widgets.BooleanWidget(),
    )
    o = django_filters.OrderingFilter(
        fields=(("name", "name"), ("title", "title"), ("organization__name", "organization")),
        label=_("Sort by"),
    )

    class Meta:
        model = Contact
        fields = ["q", "organization", "no_organization", "archived"]


class CountryFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "code")
    primary_filters = ("q", "group")

    group = django_filters.ModelChoiceFilter(
        field_name="groups", queryset=CountryGroup.objects.filter(is_archived=False), label=_("Group")
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("code", "code"),
            ("organization_count", "organizations"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Country
        fields = ["q", "group", "archived"]


class SectorFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "code")

    o = django_filters.OrderingFilter(fields=(("name", "name"), ("code", "code")), label=_("Sort by"))

    class Meta:
        model = Sector
        fields = ["q", "archived"]
