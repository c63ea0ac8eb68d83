"""The pipeline KPIs page, for managers (as the dashboard it is reached from)."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.forms import bootstrap
from crm import kpis
from projects.models import Direction, Stage


class KpiForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Group by"),
        choices=[(key, label) for key, (label, *_rest) in kpis.DIMENSIONS.items()],
        required=False,
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, required=False)


class KpiView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "projects.view_confidential_projects"
    template_name = "crm/kpis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = KpiForm(self.request.GET)
        bootstrap(form)
        # A malformed choice shows its error and the default table, never a failure.
        chosen = form.cleaned_data if form.is_valid() else {}
        by = chosen.get("by") or "year"
        direction = chosen.get("direction") or Direction.INBOUND
        rows, total = kpis.rates(self.request.user, by=by, direction=direction)
        context.update(
            form=form,
            by=by,
            by_label=kpis.DIMENSIONS[by][0],
            direction_label=Direction(direction).label,
            rows=rows,
            total=total,
            steps=[(stage, label) for stage, label in Stage.choices if stage in kpis.STEPS],
            funnel=kpis.funnel(self.request.user),
            definitions=kpis.DEFINITIONS,
        )
        return context
