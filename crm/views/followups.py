"""Follow-ups: the list, the follow-up page, its forms, and completing, cancelling or reopening one."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.export import Field
from core.listing import RecordListView
from crm.filters import FollowUpFilterSet
from crm.forms import FollowUpForm
from crm.models import FollowUp
from crm.services import BulkAction, cancel_follow_up, complete_follow_up, reopen_follow_up
from crm.views.common import RecordCreateView, RecordDetailView, RecordUpdateView, safe_next
from projects.models import CHANGE_ANY, officers

CONCERNS_RELATED = ("project", "agreement", "delegation", "meeting", "organization")


class FollowUpListView(RecordListView):
    model = FollowUp
    filterset_class = FollowUpFilterSet
    template_name = "crm/followup_list.html"
    export_columns = (
        Field("title"),
        Field("owner"),
        Field("due_on"),
        Field("priority"),
        Field("status"),
        Field("completed_at"),
        Field("completed_by"),
    )

    def get_queryset(self):
        return FollowUp.objects.select_related("owner", "completed_by", *CONCERNS_RELATED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        if self.request.user.has_perm(CHANGE_ANY):
            # Managers choose rows and change them together (crm.views.bulk), after a confirmation page.
            context["bulk_actions"] = BulkAction.choices
            context["bulk_owners"] = list(officers())
        return context


class FollowUpDetailView(RecordDetailView):
    model = FollowUp
    template_name = "crm/followup_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "completed_by", *CONCERNS_RELATED)


class FollowUpCreateView(RecordCreateView):
    """Add a follow-up; ``?project=`` (or agreement, delegation, meeting, organization) preselects its subject."""

    model = FollowUp
    form_class = FollowUpForm
    list_url = reverse_lazy("crm:followup_list")

    prefill = {name: name for name in FollowUp.CONCERNS}

    def get_initial(self):
        return {"owner": self.request.user, **super().get_initial()}


class FollowUpUpdateView(RecordUpdateView):
    model = FollowUp
    form_class = FollowUpForm
    list_url = reverse_lazy("crm:followup_list")


class FollowUpMoveView(LoginRequiredMixin, View):
    """Move a follow-up's status through a ``crm.services`` call (POST only), then go back to ``next``.

    Those the service refuses (not its owner, its creator or a manager) get 403; a move the status
    does not allow, or a missing reason, is said in a message and changes nothing.
    """

    http_method_names = ["post"]
    success_message = ""

    def move(self, follow_up: FollowUp, request) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        follow_up = get_object_or_404(FollowUp, pk=pk)
        try:
            self.move(follow_up, request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message % {"title": follow_up.title})
        return redirect(safe_next(request, follow_up.get_absolute_url()))


class FollowUpCompleteView(FollowUpMoveView):
    """Mark a follow-up done in one click, with the ``outcome`` posted when the page asked for one."""

    success_message = _("Done: “%(title)s”.")

    def move(self, follow_up, request):
        complete_follow_up(follow_up, user=request.user, outcome=request.POST.get("outcome", ""))


class FollowUpCancelView(FollowUpMoveView):
    """Cancel an open follow-up with the ``reason`` posted."""

    success_message = _("Cancelled: “%(title)s”.")

    def move(self, follow_up, request):
        cancel_follow_up(follow_up, user=request.user, reason=request.POST.get("reason", ""))


class FollowUpReopenView(FollowUpMoveView):
    """Open a done or cancelled follow-up again, with the ``reason`` (or ``note``) posted."""

    success_message = _("Reopened: “%(title)s”.")

    def move(self, follow_up, request):
        reason = request.POST.get("reason") or request.POST.get("note", "")
        reopen_follow_up(follow_up, user=request.user, note=reason)
