"""My work, the home page: what the signed-in officer must do next."""

from datetime import timedelta

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.utils import timezone
from django.views.generic import TemplateView

from crm.models import Delegation, FollowUp
from crm.views.links import list_url, project_list_url
from projects.models import InvestmentProject, Stage, Status

DUE_SOON_DAYS = 7
# Overdue (and due-soon) follow-ups shown here; the list, one link away, has them all.
OVERDUE_SHOWN = 25
CONCERNS_RELATED = ("project", "agreement", "delegation", "meeting", "organization")


class MyWorkView(LoginRequiredMixin, TemplateView):
    template_name = "crm/my_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        mine = FollowUp.objects.active().owned_by(user).select_related(*CONCERNS_RELATED)
        overdue = mine.overdue(today).order_by("due_on", "title")
        context["overdue"] = list(overdue[:OVERDUE_SHOWN])
        context["overdue_total"] = overdue.order_by().count()
        due_soon = mine.due_within(DUE_SOON_DAYS, today).order_by("due_on", "title")
        context["due_soon"] = list(due_soon[:OVERDUE_SHOWN])
        context["due_soon_total"] = due_soon.order_by().count()
        context["due_soon_days"] = DUE_SOON_DAYS
        context["due_soon_list_url"] = list_url(
            "crm:followup_list",
            "/follow-ups/",
            owner=user.pk,
            status=FollowUp.Status.OPEN,
            due_after=today.isoformat(),
            due_before=(today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
        )

        counts = dict(
            InvestmentProject.objects.active()
            .filter(officer=user)
            .order_by()
            .values("stage")
            .annotate(count=Count("pk"))
            .values_list("stage", "count")
        )
        context["stages"] = [
            {
                "label": label,
                "count": counts.get(value, 0),
                "url": project_list_url(officer=user.pk, stage=value, status=Status.ACTIVE),
            }
            for value, label in Stage.choices
        ]
        context["project_total"] = sum(counts.values())
        context["all_projects_url"] = project_list_url(officer=user.pk, status=Status.ACTIVE)

        context["reports"] = (
            Delegation.objects.active().report_pending().filter(officer=user).order_by("end_date", "title")
        )
        context["today"] = today
        context["overdue_list_url"] = list_url("crm:followup_list", "/follow-ups/", owner=user.pk, overdue="true")
        return context
