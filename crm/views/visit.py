"""Log a visit: a trip with its meetings, agreements and promised follow-ups, saved in one go.

One page, one transaction (``crm.services.log_visit``): either everything on it is saved, or
nothing is and every error is shown where it belongs. Rows are added with "Add another ..."
buttons that send the form back with one more row, so no script is needed.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from core.parsing import parse_id
from crm.forms.visit import AgreementRows, FollowUpRows, MeetingRows, VisitDelegationForm, typed_values
from crm.services import date_warnings, log_visit, usd_pending_note
from partners.models import Organization

ROW_SETS = {"meetings": MeetingRows, "agreements": AgreementRows, "follow_ups": FollowUpRows}
ADD_ACTIONS = {f"add_{prefix}": prefix for prefix in ROW_SETS}
# "Use this one" beside a similar organization: "use:meetings-0:35"; the row's field that lists it.
USE_ACTION = "use:"
USED_FIELDS = {"meetings": "organizations", "agreements": "partner_parties"}


class VisitLogView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The page checks what was typed; ``crm.services.log_visit`` saves it, all or nothing."""

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
        if action.startswith(USE_ACTION):
            return self.use_similar(action.removeprefix(USE_ACTION))
        forms = self.build(request.POST)
        if all(form.is_valid() for form in forms.values()):
            rows = {prefix: self.filled(forms[prefix]) for prefix in ROW_SETS}
            try:
                delegation = log_visit(
                    user=request.user,
                    delegation=forms["delegation"].visit_data(),
                    **{prefix: [row.visit_data() for row in filled] for prefix, filled in rows.items()},
                )
            except ValidationError as refusal:
                self.show_refusal(refusal, forms, rows)
            else:
                for agreement in delegation.agreements.all():
                    if note := usd_pending_note(agreement):
                        messages.warning(request, note)
                for record in [delegation, *delegation.meetings.all(), *delegation.follow_ups.all()]:
                    for warning in date_warnings(record):
                        messages.warning(request, warning)
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

    @staticmethod
    def show_refusal(refusal: ValidationError, forms, rows) -> None:
        """Put what ``log_visit`` refused on the form or row it is about ("delegation", "meetings-0" ...)."""
        for place, messages_ in refusal.message_dict.items():
            prefix, _dash, index = place.partition("-")
            form = rows[prefix][int(index)] if index else forms["delegation"]
            form.add_error(None, messages_)
            if getattr(refusal, "similar", None):
                form.similar = refusal.similar  # so that the row offers to confirm the new name

    def use_similar(self, choice: str):
        """Put an organization already recorded in a row instead of the new one typed ("meetings-0:35").

        Sent by a "Use this one" button beside the similar names a new organization was refused for:
        the row lists the recorded one (met, or signing on the partner side) and the new name is dropped.
        """
        place, _colon, pk = choice.partition(":")
        prefix, _dash, index = place.partition("-")
        field = USED_FIELDS.get(prefix)
        organization_id = parse_id(pk)
        data = self.request.POST.copy()
        if field and index.isdigit() and organization_id and Organization.objects.filter(pk=organization_id).exists():
            chosen = data.getlist(f"{place}-{field}")
            data.setlist(f"{place}-{field}", [*chosen, str(organization_id)])
            for name in ("new_organization", "new_organization_country", "confirm_new_organization"):
                data.pop(f"{place}-{name}", None)
        return self.add_row(None, data=data)

    def add_row(self, prefix: str | None, data=None):
        """Send the page back as typed, with one more empty row in ``prefix`` (none without one).

        The page is still being typed, so it is shown in unbound forms holding what was typed: nothing
        is checked yet and no error shows.
        """
        typed = self.build(self.request.POST if data is None else data)
        forms = {"delegation": VisitDelegationForm(prefix="delegation", initial=typed_values(typed["delegation"]))}
        for name, rows in ROW_SETS.items():
            kwargs = {"form_kwargs": {"owner": self.request.user}} if name == "follow_ups" else {}
            forms[name] = rows.as_typed(typed[name], one_more=name == prefix, **kwargs)
        if prefix:
            first_field = next(iter(forms[prefix].forms[-1].fields.values()))
            first_field.widget.attrs["autofocus"] = True
        return self.render_to_response(self.get_context_data(**forms))

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
        left_out = formset.deleted_forms
        return [form for form in formset.forms if form.has_changed() and form not in left_out]

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
