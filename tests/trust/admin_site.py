"""A small admin site whose ModelAdmins use the versioning mixin, for tests that must not depend on the real admin."""

from django.contrib import admin
from django.urls import path

from partners.models import Contact, Organization
from partners.versioning import VersionedAdminMixin

site = admin.AdminSite(name="trust_admin")


@admin.register(Organization, site=site)
class OrganizationAdmin(VersionedAdminMixin, admin.ModelAdmin):
    fields = ["name", "kind", "country", "notes"]


@admin.register(Contact, site=site)
class ContactAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """Fieldsets and a read-only version: the hidden version must still travel with the form."""

    fieldsets = [(None, {"fields": ["organization", "name", "title"]}), ("Record", {"fields": ["version"]})]
    readonly_fields = ["version"]


urlpatterns = [path("admin/", site.urls)]
