"""The project page: the project with its meetings, agreements, follow-ups and timeline.

It lives here, not in ``projects``, because it shows the engagement records around the project.
"""

from django.utils import timezone
from django.views.generic import DetailView

from core.access import can_see
from core.display import display_date, plain_rate
from core.views import DetailPageMixin
from crm.timeline import build_timeline
from projects.gates import missing_items
from projects.models import InvestmentProject
from projects.views import PROJECT_RELATIONS, ProjectAccessMixin, pipeline_steps, time_in_stages


class ProjectDetailView(DetailPageMixin, ProjectAccessMixin, DetailView):
    queryset = InvestmentProject.objects.select_related(*PROJECT_RELATIONS, "parent").with_utilized()
    template_name = "crm/project_detail.html"

    def get_context_data(self, **kwargs):
        project, user = self.object, self.request.user
        changes = list(project.stage_changes.select_related("changed_by"))
        agreements = list(project.agreements.select_related("delegation", "event"))
        meetings = list(project.meetings.select_related("delegation", "event").prefetch_related("organizations"))
        follow_ups = list(project.follow_ups.select_related("owner").order_by("status", "due_on"))
        inflows = list(project.capital_inflows.all())
        for inflow in inflows:
            inflow.rate_display = plain_rate(inflow.usd_rate)
        return super().get_context_data(
            project=project,
            contracted_rate=plain_rate(project.usd_rate),
            signed_on_display=display_date(project.signed_on, project.signed_on_precision) if project.signed_on else "",
            steps=pipeline_steps(project),
            data_gaps=missing_items(project),
            stage_changes=changes,
            stage_times=time_in_stages(project, changes, timezone.localdate()),
            agreements=agreements,
            meetings=meetings,
            follow_ups=follow_ups,
            inflows=inflows,
            parent=project.parent if project.parent and can_see(user, project.parent) else None,
            phases=project.phases.visible_to(user).select_related("investor"),
            timeline=build_timeline(
                meetings=meetings,
                agreements=agreements,
                stage_changes=changes,
                follow_ups=follow_ups,
                capital_inflows=inflows,
                newest_first=True,
            ),
            **kwargs,
        )
