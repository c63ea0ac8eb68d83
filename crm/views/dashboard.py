"""The pipeline dashboard, for managers."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.views.generic import TemplateView

from crm import dashboard
from projects import figures as official


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "projects.view_confidential_projects"
    template_name = "crm/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard.cached_figures(refresh="refresh" in self.request.GET))
        context["cache_minutes"] = max(1, settings.DASHBOARD_CACHE_SECONDS // 60)
        context["official"] = official.comparisons(official.city_figures(), self.request.user)
        return context
