"""Admin for countries, sectors, organizations and contacts."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import RecordAdmin, wrapping_column
from core.display import money
from partners.models import Contact, Country, CountryFigure, CountryGroup, Organization, Sector


@admin.register(CountryGroup)
class CountryGroupAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "code", "country_count", "is_archived"]
    list_filter = ["is_archived"]
    search_fields = ["name", "name_zh", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(country_count=Count("countries"))

    @admin.display(description=_("countries"), ordering="country_count")
    def country_count(self, obj):
        return obj.country_count


@admin.register(Country)
class CountryAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "code", "group_names", "is_archived"]
    list_filter = ["groups", "is_archived"]
    search_fields = ["name", "name_zh", "code"]
    autocomplete_fields = ["groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("groups"))
    def group_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all())


@admin.register(CountryFigure)
class CountryFigureAdmin(RecordAdmin):
    list_display = ["label", "country", "metric", "value_display", "as_of", "as_of_precision"]
    list_select_related = ["country"]
    list_filter = ["metric", "currency", ("country", admin.RelatedOnlyFieldListFilter), "is_archived"]
    search_fields = ["label", "country__name", "country__name_zh"]
    autocomplete_fields = ["country"]
    date_hierarchy = "as_of"

    @admin.display(description=_("value"), ordering="value")
    def value_display(self, obj):
        # A figure without a currency is a count.
        return money(obj.value, obj.currency, decimals=2 if obj.currency else 0)


@admin.register(Sector)
class SectorAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "code", "organization_count", "is_archived"]
    list_filter = ["is_archived"]
    search_fields = ["name", "name_zh", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(organization_count=Count("organizations"))

    @admin.display(description=_("organizations"), ordering="organization_count")
    def organization_count(self, obj):
        return obj.organization_count


class ContactInline(admin.TabularInline):
    model = Contact
    fields = ["name", "name_zh", "title", "email", "phone"]
    extra = 0
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    list_display = [
        "name",
        "name_zh",
        "kind",
        "country",
        wrapping_column(Organization, "sector"),
        wrapping_column(Organization, "parent"),
    ]
    list_select_related = ["country", "sector", "parent"]
    list_filter = [
        "kind",
        ("country", admin.RelatedOnlyFieldListFilter),
        ("sector", admin.RelatedOnlyFieldListFilter),
        "is_archived",
    ]
    search_fields = ["name", "name_zh", "city"]
    autocomplete_fields = ["country", "sector", "parent"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "title", wrapping_column(Contact, "organization"), "email"]
    list_select_related = ["organization"]
    list_filter = [("organization__country", admin.RelatedOnlyFieldListFilter), "is_archived"]
    search_fields = ["name", "name_zh", "title", "email", "organization__name", "organization__name_zh"]
    autocomplete_fields = ["organization"]
