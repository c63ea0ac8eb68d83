"""List filters for organizations, contacts and countries."""

import django_filters
from django.utils.translation import gettext_lazy as _

from partners.forms import bootstrap
from partners.listing import SearchFilterSet
from partners.models import Contact, Country, CountryGroup, Organization, Sector
from partners.widgets import SearchSelect


class BootstrapFilterSet(SearchFilterSet):
    """A ``SearchFilterSet`` whose form carries Bootstrap classes, rendered by ``includes/filter_panel.html``.

    ``primary_filters`` are always in view; the others fold under "More filters".
    """

    primary_filters: tuple[str, ...] = ("q",)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
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
            ("project_count", "projects"),
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
    o = django_filters.OrderingFilter(
        fields=(("name", "name"), ("title", "title"), ("organization__name", "organization")),
        label=_("Sort by"),
    )

    class Meta:
        model = Contact
        fields = ["q", "organization", "archived"]


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
            ("project_count", "projects"),
            ("delegation_count", "delegations"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Country
        fields = ["q", "group", "archived"]
