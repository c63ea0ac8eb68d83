"""The leadership report for managers: choose a period, preview it, download it, issue it; issued reports."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import bootstrap
from crm import report_workbook, reporting, services
from crm.forms.reports import ReportPeriodForm
from crm.models import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def page_context(data: dict) -> dict:
    """What the printable page draws beside the figures: the groupings titled, the KPI counts paired with rates."""
    titles = reporting.breakdown_titles()
    kpi_rows = [
        {**row, "pairs": list(zip(row["steps"], row["rates"], strict=True))}
        for row in [*data["kpis"]["rows"], data["kpis"]["total"]]
    ]
    return {
        "data": data,
        "breakdowns": [(key, titles[key], data["signed"]["by"][key]) for key in titles],
        "kpi_rows": kpi_rows,
    }


class ManagerMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = services.ISSUE_REPORTS


class PeriodMixin(ManagerMixin):
    """Read the period from the query string; a bad one goes back to the report page, which says why."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return super().dispatch(request, *args, **kwargs)
        form = ReportPeriodForm(request.GET if request.method == "GET" else request.POST)
        if not form.is_valid():
            query = urlencode({key: form.data.get(key, "")[:20] for key in ("kind", "period")})
            messages.error(request, _("Choose a period the report can cover; nothing was produced."))
            return redirect(f"{reverse('crm:report_index')}?{query}")
        self.period = form.cleaned_data["parsed"]
        return super().dispatch(request, *args, **kwargs)


class ReportIndexView(ManagerMixin, TemplateView):
    template_name = "crm/report_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submitted = "kind" in self.request.GET or "period" in self.request.GET
        form = ReportPeriodForm(self.request.GET if submitted else None)
        valid = submitted and form.is_valid()
        bootstrap(form, form.errors if submitted else None)
        context.update(
            form=form,
            period=form.cleaned_data["parsed"] if valid else None,
            query=urlencode({"kind": form.cleaned_data["kind"], "period": form.cleaned_data["period"]})
            if valid
            else "",
            reports=Report.objects.select_related("issued_by").only(
                "number", "kind", "period_start", "period_end", "issued_at", "issued_by"
            ),
        )
        return context


class ReportPreviewView(PeriodMixin, TemplateView):
    template_name = "crm/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = reporting.figures(self.request.user, self.period, previous=reporting.previous_report())
        context.update(
            page_context(data),
            report=None,
            query=self.request.GET.urlencode(),
            workbook_url=f"{reverse('crm:report_workbook')}?{self.request.GET.urlencode()}",
        )
        return context


class ReportWorkbookView(PeriodMixin, View):
    def get(self, request):
        data = reporting.figures(request.user, self.period, previous=reporting.previous_report())
        return _workbook_response(report_workbook.workbook(data), f"report-{self.period.key}-draft.xlsx")


class ReportIssueView(PeriodMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        report = services.issue_report(user=request.user, period=self.period)
        messages.success(request, _("Report %(number)s issued.") % {"number": report.number})
        return redirect(report)


class ReportDetailView(ManagerMixin, TemplateView):
    """An issued report, drawn from its frozen figures."""

    template_name = "crm/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = get_object_or_404(Report.objects.select_related("issued_by"), number=self.kwargs["number"])
        context.update(
            page_context(report.data),
            report=report,
            workbook_url=reverse("crm:report_issued_workbook", args=[report.number]),
        )
        return context


class ReportIssuedWorkbookView(ManagerMixin, View):
    def get(self, request, number):
        report = get_object_or_404(Report.objects.only("number", "workbook"), number=number)
        return _workbook_response(report.workbook, f"report-{report.number}.xlsx")
