"""Log a visit: a trip with its meetings, agreements and promised follow-ups, saved in one go.

One page, one transaction: either everything on it is saved, or nothing is and every error is
shown where it belongs. Rows are added with "Add another ..." buttons that send the form back
with one more row, so no script is needed.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import transaction
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from crm.forms.visit import AgreementRows, FollowUpRows, MeetingRows, VisitDelegationForm
from crm.services import usd_pending_note

ROW_SETS = {"meetings": MeetingRows, "agreements": AgreementRows, "follow_ups": FollowUpRows}
ADD_ACTIONS = {f"add_{prefix}": prefix for prefix in ROW_SETS}


class VisitLogView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = ["crm.add_delegation", "crm.add_meeting", "crm.add_agreement", "crm.add_followup"]
    template_name = "crm/visit_log.html"

    def build(self, data=None):
        user = self.request.user
        forms = {"delegation": VisitDelegationForm(data, prefix="delegation")}
        for prefix, rows in ROW_SETS.items():
            kwargs = {"form_kwargs": {"owner": user}} if prefix == "follow_ups" else {}
            forms[prefix] = rows(data, prefix=prefix, **kwargs)
        return forms

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**self.build()))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        if action in ADD_ACTIONS:
            return self.add_row(ADD_ACTIONS[action])
        forms = self.build(request.POST)
        if all(form.is_valid() for form in forms.values()):
            delegation = self.save(forms)
            for agreement in delegation.agreements.all():
                if note := usd_pending_note(agreement):
                    messages.warning(request, note)
            messages.success(
                request,
                _("Visit logged: %(title)s, with %(counts)s.")
                % {"title": delegation.title, "counts": self.describe_counts(delegation)},
            )
            return HttpResponseRedirect(delegation.get_absolute_url())
        context = self.get_context_data(**forms)
        context["has_errors"] = True
        context["error_places"] = self.error_places(forms)
        return self.render_to_response(context)

    def add_row(self, prefix: str):
        """Send the page back as typed, with one more empty row in ``prefix`` and no errors yet."""
        data = self.request.POST.copy()
        total = f"{prefix}-TOTAL_FORMS"
        try:
            count = int(data.get(total, 0))
        except ValueError:
            count = 0
        rows = ROW_SETS[prefix]
        data[total] = str(min(count + 1, rows.max_num))
        forms = self.build(data)
        new_row = forms[prefix].forms[-1]
        for name, field in new_row.fields.items():
            initial = new_row.get_initial_for_field(field, name)
            if initial not in (None, "", []):
                data[new_row.add_prefix(name)] = str(getattr(initial, "pk", initial))
        forms = self.build(data)
        # Rendering a bound form validates it; this one is still being typed, so show no errors yet.
        for form in forms.values():
            for single in getattr(form, "forms", [form]):
                single._errors = ErrorDict()
            if hasattr(form, "forms"):
                form._errors, form._non_form_errors = [], ErrorList()
        first_field = next(iter(forms[prefix].forms[-1].fields.values()))
        first_field.widget.attrs["autofocus"] = True
        return self.render_to_response(self.get_context_data(**forms))

    @transaction.atomic
    def save(self, forms):
        user = self.request.user
        created_organizations: dict = {}
        delegation = forms["delegation"].save(commit=False)
        delegation.officer = delegation.created_by = user
        delegation.save()
        forms["delegation"].save_m2m()
        for form in self.filled(forms["meetings"]):
            meeting = form.save(commit=False)
            meeting.delegation = delegation
            meeting.created_by = user
            meeting.save()
            form.save_m2m()
            meeting.officers.add(user)
            new = form.new_organization_for(created_organizations, user)
            if new is not None:
                meeting.organizations.add(new)
        for form in self.filled(forms["agreements"]):
            form.save_for(delegation, created_organizations, user)
        for form in self.filled(forms["follow_ups"]):
            form.save_for(delegation, user)
        return delegation

    @staticmethod
    def error_places(forms) -> list[tuple[str, str]]:
        """(label, anchor) of each part of the page holding an error, for links at the top."""
        places = []
        if forms["delegation"].errors:
            places.append((_("The trip"), "trip"))
        labels = {
            "meetings": _("Meeting %(n)d"),
            "agreements": _("Agreement %(n)d"),
            "follow_ups": _("Follow-up %(n)d"),
        }
        for prefix, label in labels.items():
            formset = forms[prefix]
            if formset.non_form_errors():
                places.append((label % {"n": len(formset.forms)}, prefix))
            for index, form in enumerate(formset.forms):
                if form.errors:
                    places.append((label % {"n": index + 1}, f"{prefix}-{index}"))
        return places

    @staticmethod
    def filled(formset):
        """The rows typed in and not marked for removal."""
        return [form for form in formset.forms if form.has_changed() and not formset._should_delete_form(form)]

    @staticmethod
    def describe_counts(delegation) -> str:
        meetings, agreements = delegation.meetings.count(), delegation.agreements.count()
        follow_ups = delegation.follow_ups.count()
        return ", ".join(
            [
                ngettext("%(count)d meeting", "%(count)d meetings", meetings) % {"count": meetings},
                ngettext("%(count)d agreement", "%(count)d agreements", agreements) % {"count": agreements},
                ngettext("%(count)d follow-up", "%(count)d follow-ups", follow_ups) % {"count": follow_ups},
            ]
        )
