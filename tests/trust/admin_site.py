"""A small admin site whose ModelAdmins use the versioning mixin, for tests that must not depend on the real admin.

It is mounted at ``/trust-admin/`` beside the product's own URLs.
"""

from django.contrib import admin, messages
from django.urls import path

from core.versioning import VersionedAdminMixin
from crm.models import FollowUp
from crm.services import complete_follow_up
from crm.urls import urlpatterns as product_urlpatterns
from partners.models import Contact, Organization

site = admin.AdminSite(name="trust_admin")


@admin.register(Organization, site=site)
class OrganizationAdmin(VersionedAdminMixin, admin.ModelAdmin):
    fields = ["name", "kind", "country", "notes"]


@admin.register(Contact, site=site)
class ContactAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """Fieldsets and a read-only version: the hidden version must still travel with the form."""

    fieldsets = [(None, {"fields": ["organization", "name", "title"]}), ("Record", {"fields": ["version"]})]
    readonly_fields = ["version"]


@admin.register(FollowUp, site=site)
class FollowUpAdmin(VersionedAdminMixin, admin.ModelAdmin):
    actions = ["complete_selected"]

    @admin.action(description="Mark selected follow-ups done")
    def complete_selected(self, request, queryset):
        for follow_up in queryset:
            complete_follow_up(follow_up, user=request.user)
        self.message_user(request, "Completed.", messages.SUCCESS)


urlpatterns = [path("trust-admin/", site.urls), *product_urlpatterns]
