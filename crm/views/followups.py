"""Follow-ups: the list, the follow-up page, its forms, and completing one in a click."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.listing import RecordListView
from crm.filters import FollowUpFilterSet
from crm.forms import FollowUpForm
from crm.models import FollowUp
from crm.services import complete_follow_up
from crm.views.common import RecordCreateView, RecordDetailView, RecordUpdateView, safe_next

CONCERNS_RELATED = ("project", "agreement", "delegation", "meeting", "organization")


class FollowUpListView(RecordListView):
    model = FollowUp
    filterset_class = FollowUpFilterSet
    template_name = "crm/followup_list.html"

    def get_queryset(self):
        return FollowUp.objects.select_related("owner", "completed_by", *CONCERNS_RELATED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
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
    form_takes_user = True
    list_url = reverse_lazy("crm:followup_list")

    def get_initial(self):
        initial = {"owner": self.request.user, **super().get_initial()}
        for name in FollowUp.CONCERNS:
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = value
        return initial


class FollowUpUpdateView(RecordUpdateView):
    model = FollowUp
    form_class = FollowUpForm
    form_takes_user = True
    list_url = reverse_lazy("crm:followup_list")


class FollowUpCompleteView(LoginRequiredMixin, View):
    """Mark a follow-up done (POST only) and go back to ``next``. Anyone but its owner or a manager gets 403."""

    http_method_names = ["post"]

    def post(self, request, pk):
        follow_up = get_object_or_404(FollowUp, pk=pk)
        try:
            complete_follow_up(follow_up, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done: “%(title)s”.") % {"title": follow_up.title})
        return redirect(safe_next(request, follow_up.get_absolute_url()))
