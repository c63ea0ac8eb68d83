"""Admin for countries, sectors, organizations and contacts.

A new organization is recorded with ``partners.services.create_organization``, by the same name rule
as the pages: a name like recorded ones needs "Record anyway" ticked.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import RecordAdmin, wrapping_column
from partners.models import Contact, Country, CountryGroup, Organization, Sector
from partners.services import check_organization_name, create_organization


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
        return ", ".join(str(group) for group in obj.groups.all())


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


class OrganizationAdminForm(forms.ModelForm):
    confirm_similar = forms.BooleanField(
        label=_("Record anyway: this is a different organization"),
        required=False,
        help_text=_("Tick only after checking that none of the similar organizations is this one."),
    )

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if name and (self.instance.pk is None or name != self.instance.name):
            try:
                cleaned_data["name"] = check_organization_name(
                    name, confirm_similar=cleaned_data.get("confirm_similar", False), organization=self.instance
                )
            except ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned_data


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
    form = OrganizationAdminForm

    def get_fields(self, request, obj=None):
        # The confirmation sits under the name it confirms.
        fields = [name for name in super().get_fields(request, obj) if name != "confirm_similar"]
        at = fields.index("name") + 1 if "name" in fields else 0
        return [*fields[:at], "confirm_similar", *fields[at:]]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        fields = {
            field.name: getattr(obj, field.name)
            for field in Organization._meta.concrete_fields
            if field.editable and not field.primary_key and field.name in form.cleaned_data
        }
        created = create_organization(
            user=request.user, confirm_similar=form.cleaned_data.get("confirm_similar", False), **fields
        )
        # The admin goes on with ``obj`` (its contacts inline, the log, the redirect): it becomes the saved row.
        vars(obj).update(vars(created))


@admin.register(Contact)
class ContactAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "title", wrapping_column(Contact, "organization"), "email"]
    list_select_related = ["organization"]
    list_filter = [
        ("organization__country", admin.RelatedOnlyFieldListFilter),
        ("organization", admin.EmptyFieldListFilter),
        "is_archived",
    ]
    search_fields = ["name", "name_zh", "title", "email", "organization__name", "organization__name_zh"]
    autocomplete_fields = ["organization"]
