from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from partners.services import register_partner_references

        # Contacts and subsidiaries follow an organization merged into another; the apps after
        # partners register what of theirs points at an organization or a contact.
        register_partner_references()
        from core import search
        from partners.models import Contact, Organization

        search.register(
            Organization,
            kind="organizations",
            label=_("Organizations"),
            fields=("name", "name_zh", "city"),
            title="name",
            title_zh="name_zh",
            subtitle=("city", "country__name"),
            url="partners:organization_detail",
            list_url="partners:organization_list",
            related=("country",),
            order=10,
        )
        search.register(
            Contact,
            kind="contacts",
            label=_("Contacts"),
            fields=("name", "name_zh", "title"),
            title="name",
            title_zh="name_zh",
            subtitle=("title", "organization__name"),
            url="partners:contact_detail",
            list_url="partners:contact_list",
            related=("organization",),
            order=20,
        )
