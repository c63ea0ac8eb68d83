"""Bulk changes from the follow-up list, for managers: one confirmation page listing what will change."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from core.parsing import parse_id
from crm.models import FollowUp
from crm.services import BulkAction, change_follow_ups, plan_follow_up_changes
from projects.models import CHANGE_ANY, officers

# More than a long page of rows at once is more than anyone reviews on one confirmation page.
MAX_CHOSEN = 200


class FollowUpBulkView(LoginRequiredMixin, View):
    """POST the chosen follow-ups and an action: first the confirmation page, then (``confirm``) the change."""

    http_method_names = ["post"]

    def back(self) -> str:
        url = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure()):
            return url
        return reverse("crm:followup_list")

    def post(self, request):
        if not request.user.has_perm(CHANGE_ANY):
            raise PermissionDenied(_("Only a manager may change several follow-ups at once."))
        ids = [pk for pk in (parse_id(value) for value in request.POST.getlist("pk")) if pk is not None]
        if not ids:
            messages.error(request, _("Choose at least one follow-up; nothing was changed."))
            return HttpResponseRedirect(self.back())
        if len(ids) > MAX_CHOSEN:
            messages.error(
                request, _("Choose at most %(count)d follow-ups at once; nothing was changed.") % {"count": MAX_CHOSEN}
            )
            return HttpResponseRedirect(self.back())
        action = request.POST.get("action", "")
        owner_id = parse_id(request.POST.get("owner"))
        owner = officers().filter(pk=owner_id).first() if owner_id is not None else None
        if action not in BulkAction.values or (action == BulkAction.REASSIGN and owner is None):
            messages.error(
                request, _("Choose what to do, and to whom when giving follow-ups to someone; nothing was changed.")
            )
            return HttpResponseRedirect(self.back())
        chosen = FollowUp.objects.filter(pk__in=ids).select_related("owner").order_by("due_on", "pk")
        if request.POST.get("confirm") == "yes":
            try:
                plan = change_follow_ups(list(chosen), user=request.user, action=action, owner=owner)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return HttpResponseRedirect(self.back())
            changed = sum(1 for planned in plan if not planned.refusal)
            left = len(plan) - changed
            message = ngettext("%(count)d follow-up changed.", "%(count)d follow-ups changed.", changed) % {
                "count": changed
            }
            if left:
                message += " " + ngettext("%(count)d left as it was.", "%(count)d left as they were.", left) % {
                    "count": left
                }
            messages.success(request, message)
            return HttpResponseRedirect(self.back())
        plan = plan_follow_up_changes(chosen, user=request.user, action=action, owner=owner)
        return render(
            request,
            "crm/followup_bulk_confirm.html",
            {
                "plan": plan,
                "action": BulkAction(action),
                "owner": owner,
                "ids": [planned.record.pk for planned in plan],
                "changing": sum(1 for planned in plan if not planned.refusal),
                "next": self.back(),
            },
        )
