"""Calendars: a user's private feed address (its page and the feed itself) and one-off ``.ics`` downloads."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from core.access import RecordAccessMixin
from crm import ical
from crm.calendar_feeds import feed_for_token, issue_calendar_feed, mark_used, revoke_calendar_feed
from crm.models import CalendarFeed, Delegation, FollowUp

# A feed shows follow-ups; who may not see follow-ups has no feed.
FEED_PERMISSION = "crm.view_followup"


class CalendarFeedPageView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The signed-in user's own feed address: make it, see when it was last read, revoke or replace it.

    The address holds a secret token that is stored only as a hash, so it is shown once, in the
    answer to the POST that made it, and never again.
    """

    permission_required = FEED_PERMISSION
    template_name = "crm/calendar_feed.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = CalendarFeed.objects.filter(user=self.request.user).first()
        return context

    def post(self, request):
        action = request.POST.get("action")
        if action == "issue":
            token = issue_calendar_feed(user=request.user)
            feed_url = request.build_absolute_uri(reverse("crm:calendar_feed", args=[token]))
            return self.render_to_response(self.get_context_data(feed_url=feed_url))
        if action == "revoke":
            if revoke_calendar_feed(user=request.user):
                messages.success(
                    request, _("Your calendar address is revoked; calendars subscribed to it stop updating.")
                )
            else:
                messages.info(request, _("You have no working calendar address to revoke."))
        else:
            messages.error(request, _("Choose to create, replace or revoke the address."))
        return redirect("crm:calendar_feed_page")


@require_safe
def calendar_feed(request, token: str):
    """The feed a calendar subscribes to: no session, the token's user, 404 for a token that does not open one."""
    feed = feed_for_token(token)
    if feed is None or not feed.user.has_perm(FEED_PERMISSION):
        raise Http404
    mark_used(feed)
    response = ical.ics_response(
        ical.feed_calendar(feed.user, request=request), filename="qingdao-crm.ics", attachment=False
    )
    response.headers["Cache-Control"] = "private, max-age=0"
    return response


class RecordIcsView(RecordAccessMixin, DetailView):
    """One record as a calendar file, for whoever may see its page (404 or 403 otherwise, as the page)."""

    http_method_names = ["get", "head"]

    def events(self, record):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        record = self.object
        name = f"{record._meta.model_name}-{record.pk}"
        return ical.ics_response(
            ical.make_calendar(self.events(record), name=str(record)), filename=f"{name}.ics", attachment=True
        )


class FollowUpIcsView(RecordIcsView):
    model = FollowUp

    def get_queryset(self):
        return super().get_queryset().select_related("owner", *ical.CONCERNS_RELATED)

    def events(self, record):
        return [ical.follow_up_event(record, viewer=self.request.user, request=self.request)]


class DelegationIcsView(RecordIcsView):
    model = Delegation

    def events(self, record):
        events = [ical.delegation_event(record, request=self.request)]
        if record.report_is_pending:
            events.append(ical.report_deadline_event(record, request=self.request))
        return events
