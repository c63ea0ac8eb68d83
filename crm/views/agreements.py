"""Agreements: the register, the agreement page, its forms, and turning one into a project."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from core.access import can_change
from core.export import Computed, Field
from core.forms import StyledFormMixin
from core.listing import RecordListView, Total
from core.notes import for_timeline
from crm.filters import AgreementFilterSet
from crm.forms import AgreementForm, AgreementPartyFormSet
from crm.models import Agreement, AgreementParty, FollowUp
from crm.services import (
    agreement_officer,
    agreement_park,
    agreement_sector,
    create_project_from_agreement,
    fix_agreement_amount,
    set_agreement_amount,
    usd_pending_note,
)
from crm.timeline import TIMELINE_ENTRIES, build_timeline
from crm.views.common import (
    RecordCreateView,
    RecordDetailView,
    RecordUpdateView,
    related_stage_changes,
)
from projects.models import InvestmentProject


def _party_links():
    return Prefetch(
        "party_links", queryset=AgreementParty.objects.select_related("organization", "signatory").order_by("side")
    )


def _visible_projects(user):
    return Prefetch(
        "projects",
        queryset=InvestmentProject.objects.visible_to(user).select_related("officer"),
        to_attr="visible_projects",
    )


class AgreementListView(RecordListView):
    model = Agreement
    filterset_class = AgreementFilterSet
    template_name = "crm/agreement_list.html"
    export_columns = (
        Field("title"),
        Field("title_zh"),
        Field("kind"),
        Field("is_binding"),
        Field("signed_on"),
        Field("place"),
        Computed(
            _("Parties"), lambda agreement: "; ".join(str(link.organization) for link in agreement.party_links.all())
        ),
        Field("amount"),
        Field("currency"),
        Field("amount_usd"),
        Field("status"),
        Field("expires_on"),
        Field("delegation"),
        Field("event"),
        Computed(_("Projects"), lambda agreement: "; ".join(str(project) for project in agreement.visible_projects)),
    )

    def list_totals(self, queryset):
        """The stated amounts of the listed agreements by kind, in USD; each agreement once, however it was found."""
        by_kind = (
            Agreement.objects.filter(pk__in=queryset.values("pk"))
            .order_by("kind")
            .values("kind")
            .annotate(
                usd=Sum("amount_usd"),
                counted=Count("pk", filter=Q(amount_usd__isnull=False)),
                pending=Count("pk", filter=Q(amount__isnull=False, amount_usd__isnull=True)),
            )
        )
        labels = dict(Agreement.Kind.choices)
        rows, pending = [], 0
        for row in by_kind:
            pending += row["pending"]
            if row["counted"]:
                note = ngettext("%(count)d agreement", "%(count)d agreements", row["counted"]) % {
                    "count": row["counted"]
                }
                rows.append(Total(labels[row["kind"]], row["usd"], note))
        return {"rows": rows, "pending": pending}

    def get_queryset(self):
        return Agreement.objects.select_related("delegation", "event").prefetch_related(
            _party_links(), _visible_projects(self.request.user)
        )


class AgreementDetailView(RecordDetailView):
    model = Agreement
    template_name = "crm/agreement_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("delegation", "event", "meeting")
            .prefetch_related(_party_links(), _visible_projects(self.request.user))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object
        sides = {value: [] for value in AgreementParty.Side.values}
        for link in agreement.party_links.all():
            sides[link.side].append(link)
        context["sides"] = [(AgreementParty.Side(side).label, links) for side, links in sides.items() if links]
        context["follow_ups"] = (
            FollowUp.objects.active().filter(agreement=agreement).select_related("owner").order_by("status", "due_on")
        )
        today = timezone.localdate()
        context["today"] = today
        context["is_expired"] = bool(agreement.expires_on and agreement.expires_on < today)
        notes, files = for_timeline(agreement, TIMELINE_ENTRIES)
        context["timeline"] = build_timeline(
            meetings=[agreement.meeting] if agreement.meeting else (),
            agreements=[agreement],
            stage_changes=related_stage_changes(self.request.user, Q(agreements=agreement)),
            follow_ups=context["follow_ups"],
            notes=notes,
            attachments=files,
            name_projects=True,
        )
        return context


class PartiesFormSetMixin:
    """Edit an agreement's parties (organization, side, signatory) and its stated amount with it, in one transaction.

    The amount is recorded by ``crm.services.set_agreement_amount``, which fixes its USD value.
    """

    def get_formset(self):
        kwargs = {"instance": self.object if self.object else Agreement(), "prefix": "parties"}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return AgreementPartyFormSet(**kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        edited = form.instance
        if edited.pk is not None and form.amount_to_fix() and not can_change(self.request.user, edited):
            # The rest of the edit hands the agreement to others (another delegation): it may not also set the amount.
            form.add_error(
                None, _("After this change the agreement is no longer yours to change, so its amount cannot be set.")
            )
            return self.form_invalid(form)
        data, editing = form.cleaned_data, edited.pk is not None
        with transaction.atomic():
            if editing and form.amount_to_fix():
                # Into the one save of the edit: one edit, one history entry.
                fix_agreement_amount(edited, user=self.request.user, amount=data["amount"], currency=data["currency"])
            response = super().form_valid(form)
            if response.status_code != 302:
                transaction.set_rollback(True)
                return response
            formset.instance = self.object
            formset.save()
            if not editing and form.amount_to_fix():
                set_agreement_amount(
                    self.object, user=self.request.user, amount=data["amount"], currency=data["currency"]
                )
        if note := usd_pending_note(self.object):
            messages.warning(self.request, note)
        return response

    def form_invalid(self, form):
        formset = self.get_formset()
        formset.is_valid()  # so that its errors show beside the form's
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class AgreementCreateView(PartiesFormSetMixin, RecordCreateView):
    model = Agreement
    form_class = AgreementForm
    template_name = "crm/agreement_form.html"
    list_url = reverse_lazy("crm:agreement_list")

    prefill = {"delegation": "delegation", "event": "event", "meeting": "meeting"}


class AgreementUpdateView(PartiesFormSetMixin, RecordUpdateView):
    model = Agreement
    form_class = AgreementForm
    template_name = "crm/agreement_form.html"
    list_url = reverse_lazy("crm:agreement_list")


class MakeProjectForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Project name"),
        max_length=300,
        help_text=_("The investment this agreement promises, e.g. “Sino-German battery plant, phase 1”."),
    )


class AgreementMakeProjectView(LoginRequiredMixin, FormView):
    """Open an investment project for what an agreement promises (``crm.services.create_project_from_agreement``)."""

    form_class = MakeProjectForm
    template_name = "crm/agreement_make_project.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.agreement = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        agreement = get_object_or_404(Agreement, pk=self.kwargs["pk"])
        if not self.request.user.has_perm("crm.view_agreement"):
            raise PermissionDenied
        return agreement

    def get_initial(self):
        return {"name": self.agreement.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        context["opens_at"] = _("contracted") if self.agreement.is_binding else _("intent")
        # What the project will carry, as crm.services.create_project_from_agreement decides it.
        context["officer"] = agreement_officer(self.agreement) or self.request.user
        context["sector"] = agreement_sector(self.agreement, None)
        context["park"] = agreement_park(self.agreement)
        return context

    def form_valid(self, form):
        try:
            project = create_project_from_agreement(
                self.agreement, user=self.request.user, name=form.cleaned_data["name"]
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal) or _("You may not create projects."))
            return self.form_invalid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Project “%(name)s” opened from this agreement.") % {"name": project.name})
        try:
            return HttpResponseRedirect(project.get_absolute_url())
        except NoReverseMatch:
            return HttpResponseRedirect(self.agreement.get_absolute_url())
