"""Pieces every engagement view shares: create, edit and detail bases, and the safe ``next`` redirect."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from core.access import RecordAccessMixin
from core.versioning import StaleEditViewMixin
from core.views import DetailPageMixin, FormUserMixin, PrefillMixin, safe_next
from crm.services import date_warnings
from projects.models import InvestmentProject, StageChange


def related_stage_changes(user, projects_filter):
    """Stage changes of the projects matching ``projects_filter`` that ``user`` may see, oldest first."""
    projects = InvestmentProject.objects.visible_to(user).filter(projects_filter).values("pk")
    return StageChange.objects.filter(project__in=projects).select_related("project", "changed_by")


class NextMixin:
    """Return to ``next`` after saving when it was given, and keep it through the form."""

    def get_success_url(self):
        return safe_next(self.request, super().get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = safe_next(self.request, "")
        context["cancel_url"] = context["next"] or self.get_cancel_url()
        # For the breadcrumbs, the same as the record's detail page has.
        context["list_url"] = self.list_url
        context["list_label"] = capfirst(self.model._meta.verbose_name_plural)
        return context

    def get_cancel_url(self) -> str:
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            return obj.get_absolute_url()
        return self.list_url


def warn_about_dates(request, record) -> None:
    """Say what looks implausible about the dates just saved (``crm.services.date_warnings``)."""
    for warning in date_warnings(record):
        messages.warning(request, warning)


class RecordCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormUserMixin, PrefillMixin, NextMixin, CreateView):
    """Create a record; needs the model's ``add`` permission."""

    template_name = "crm/record_form.html"
    list_url = "/"
    success_message = _("Saved.")

    def get_permission_required(self):
        meta = self.model._meta
        return [f"{meta.app_label}.add_{meta.model_name}"]

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        warn_about_dates(self.request, self.object)
        return response


class RecordUpdateView(RecordAccessMixin, StaleEditViewMixin, FormUserMixin, NextMixin, UpdateView):
    """Edit a record: 404 when the user may not see it, 403 when they may not change it."""

    template_name = "crm/record_form.html"
    for_change = True
    list_url = "/"
    success_message = _("Saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:  # not refused as a stale edit
            messages.success(self.request, self.success_message)
            warn_about_dates(self.request, self.object)
        return response


class RecordDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    """Show one record to those who may see it, with what every detail page has (``DetailPageMixin``)."""
