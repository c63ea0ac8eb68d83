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
