from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from partners.references import ForeignKeyReference, register_organization_reference
        from projects.models import InvestmentProject

        # A project's investor follows an organization merged into another.
        register_organization_reference(ForeignKeyReference(InvestmentProject, "investor", _("Projects as investor")))
