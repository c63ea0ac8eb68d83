"""The project page: the project with its meetings, agreements, follow-ups and timeline.

It lives here, not in ``projects``, because it shows the engagement records around the project.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView

from core.access import can_see
from core.display import display_date, plain_rate
from core.notes import for_timeline
from core.views import DetailPageMixin, list_url, section
from crm.timeline import TIMELINE_READ, build_timeline, newest_entries, timeline_follow_ups
from projects.gates import missing_items
from projects.models import AMOUNT_FIELDS, AmountKind, InvestmentProject
from projects.views import PROJECT_RELATIONS, ProjectAccessMixin, pipeline_steps, time_in_stages


def amounts_by_kind(project: InvestmentProject, inflows: list) -> list[dict]:
    """Each kind of the project's amounts as written, in USD (or pending) and the rate it was fixed at."""
    rows = [
        {
            "kind": kind,
            "label": AmountKind(kind).label,
            "amount": getattr(project, fields.amount),
            "currency": getattr(project, fields.currency),
            "usd": getattr(project, fields.usd),
            "rate": plain_rate(getattr(project, fields.rate)) if getattr(project, fields.currency) != "USD" else "",
        }
        for kind, fields in AMOUNT_FIELDS.items()
    ]
    pending = sum(1 for inflow in inflows if inflow.amount_usd is None)
    rows.append(
        {
            "kind": AmountKind.UTILIZED,
            "label": AmountKind.UTILIZED.label,
            "amount": project.utilized_usd_total if inflows else None,
            "currency": "USD",
            "usd": project.utilized_usd_total,
            "rate": "",
            "note": ngettext(
                "Sum of %(count)d capital inflow%(pending)s",
                "Sum of %(count)d capital inflows%(pending)s",
                len(inflows),
            )
            % {
                "count": len(inflows),
                "pending": _("; %(pending)d waiting for a rate, not counted") % {"pending": pending} if pending else "",
            },
        }
    )
    return rows


class ProjectDetailView(DetailPageMixin, ProjectAccessMixin, DetailView):
    queryset = InvestmentProject.objects.select_related(*PROJECT_RELATIONS, "parent").with_utilized()
    template_name = "crm/project_detail.html"

    def get_context_data(self, **kwargs):
        project, user = self.object, self.request.user
        pk = project.pk
        changes = list(project.stage_changes.select_related("changed_by"))
        agreements = project.agreements.select_related("delegation", "event")
        meetings = project.meetings.select_related("delegation", "event").prefetch_related("organizations")
        follow_ups = project.follow_ups.select_related("owner")
        inflows = list(project.capital_inflows.all())
        notes, files = for_timeline(project, TIMELINE_READ)
        for inflow in inflows:
            inflow.rate_display = plain_rate(inflow.usd_rate)
        return super().get_context_data(
            project=project,
            amounts=amounts_by_kind(project, inflows),
            signed_on_display=display_date(project.signed_on, project.signed_on_precision) if project.signed_on else "",
            steps=pipeline_steps(project),
            data_gaps=missing_items(project),
            stage_changes=changes,
            stage_times=time_in_stages(project, changes, timezone.localdate()),
            # Each section shows its first rows and links to the list that has them all.
            agreements=section(agreements, list_url("crm:agreement_list", project=pk)),
            meetings=section(meetings, list_url("crm:meeting_list", project=pk)),
            follow_ups=section(
                follow_ups.order_by("status", "due_on", "pk"), list_url("crm:followup_list", project=pk)
            ),
            inflows=inflows,
            parent=project.parent if project.parent and can_see(user, project.parent) else None,
            phases=project.phases.visible_to(user).select_related("investor"),
            **newest_entries(
                build_timeline(
                    meetings=meetings.order_by("-date", "-pk")[:TIMELINE_READ],
                    agreements=agreements.order_by(F("signed_on").desc(nulls_last=True), "-pk")[:TIMELINE_READ],
                    stage_changes=changes,
                    follow_ups=timeline_follow_ups(follow_ups),
                    capital_inflows=inflows,
                    notes=notes,
                    attachments=files,
                    newest_first=True,
                )
            ),
            **kwargs,
        )
