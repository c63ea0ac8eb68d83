from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reference(project) -> str:
    # post_save comes before ``save()`` gives a new project its reference; it is known from the id.
    return project.reference or (project.make_reference() if project.pk else "")


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from partners.references import ForeignKeyReference, register_organization_reference
        from projects.models import InvestmentProject

        # A project's investor follows an organization merged into another.
        register_organization_reference(ForeignKeyReference(InvestmentProject, "investor", _("Projects as investor")))
        from core import search
        from projects.models import InvestmentProject

        search.register(
            InvestmentProject,
            kind="projects",
            label=_("Projects"),
            fields=("name", "name_zh", _reference),
            title="name",
            title_zh="name_zh",
            subtitle=(_reference, "investor__name"),
            url="projects:project_detail",
            list_url="projects:project_list",
            related=("investor",),
            order=30,
        )
