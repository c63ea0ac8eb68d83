"""Pages for managers to find organizations recorded twice and merge them.

The merge itself is ``partners.services.merge_organizations``; the groups of likely duplicates
come from ``partners.duplicates``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.forms import StyledFormMixin
from core.parsing import parse_count
from core.widgets import SearchSelect
from partners.duplicates import current_duplicate_groups, fill_groups
from partners.models import Organization
from partners.references import organization_references
from partners.services import MERGE_PERMISSION, merge_organizations, merge_preview, merge_refusals

DUPLICATE_GROUPS_PER_PAGE = 25


class MergeForm(StyledFormMixin, forms.Form):
    keep = forms.ModelChoiceField(
        label=gettext_lazy("Organization to keep"),
        queryset=Organization.objects.none(),
        widget=SearchSelect("organization"),
        help_text=gettext_lazy("The record that stays; everything moves to it."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Why they are the same organization"),
        max_length=500,
        error_messages={"required": gettext_lazy("Say why these are the same organization.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, merge_away: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Organization.objects.filter(merged_into__isnull=True).exclude(pk=merge_away.pk)


class ManagerMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = MERGE_PERMISSION


class OrganizationMergeView(ManagerMixin, TemplateView):
    """``/organizations/<pk>/merge/``: pick the organization to keep, see what moves, confirm."""

    template_name = "partners/organization_merge.html"

    def dispatch(self, request, *args, **kwargs):
        self.merge_away = get_object_or_404(Organization.objects.select_related("country"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Picking the organization to keep: only ``keep`` is read; the reason is asked for below it.
        form = MergeForm(request.GET if "keep" in request.GET else None, merge_away=self.merge_away)
        keep = form.cleaned_data.get("keep") if form.is_bound and not form.has_error("keep") else None
        confirm = MergeForm(initial={"keep": keep.pk} if keep else None, merge_away=self.merge_away)
        return self.render_to_response(self.get_context_data(form=form, confirm=confirm))

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST, merge_away=self.merge_away)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            try:
                moved = merge_organizations(
                    user=request.user, keep=keep, merge_away=self.merge_away, reason=form.cleaned_data["reason"]
                )
            except ValidationError as refusal:
                if hasattr(refusal, "error_dict"):
                    for field, errors in refusal.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, refusal)
            else:
                summary = ", ".join(f"{label}: {count}" for label, count in moved.items()) or _("nothing else")
                message = _("“%(away)s” is merged into “%(keep)s”. Moved: %(summary)s.")
                messages.success(
                    request, message % {"away": self.merge_away.name, "keep": keep.name, "summary": summary}
                )
                return redirect(keep)
        return self.render_to_response(self.get_context_data(form=form, confirm=form))

    def get_context_data(self, **kwargs):
        kinds = [str(reference.label).lower() for reference in organization_references]
        context = super().get_context_data(merge_away=self.merge_away, kinds=", ".join(kinds), **kwargs)
        form = kwargs["form"]
        keep = form.cleaned_data.get("keep") if form.is_bound and not form.has_error("keep") else None
        if keep is not None:
            context.update(
                keep=keep,
                preview=merge_preview(keep, self.merge_away),
                refusals=merge_refusals(keep, self.merge_away),
            )
        return context


class DuplicateListView(ManagerMixin, TemplateView):
    """``/organizations/duplicates/``: groups of active organizations whose names are alike, each to merge."""

    template_name = "partners/organization_duplicates.html"

    def get_context_data(self, **kwargs):
        groups = current_duplicate_groups()
        paginator = Paginator(groups, DUPLICATE_GROUPS_PER_PAGE)
        page = paginator.get_page(parse_count(self.request.GET.get("page"), default=1, minimum=1))
        fill_groups(page.object_list)
        return super().get_context_data(page_obj=page, groups=page.object_list, total=len(groups), **kwargs)
