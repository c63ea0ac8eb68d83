"""The signed-in user's notifications and reminder preference."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import can_see
from core.forms import StyledFormMixin
from core.models import Notification, ReminderPreference

PER_PAGE = 25
# The page lists this many of the newest; older ones stay in the table (and in the admin).
SHOWN_AT_MOST = 500


@login_required
def notification_list(request):
    """The user's notifications, newest first, paged."""
    mine = Notification.objects.filter(recipient=request.user)
    newest = mine.select_related("actor").order_by("-created_at", "-pk")[:SHOWN_AT_MOST]
    page = Paginator(newest, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notification_list.html",
        {"page_obj": page, "notifications": page.object_list, "shown_at_most": SHOWN_AT_MOST},
    )


@login_required
def notification_open(request, pk: int):
    """Mark one of the user's notifications read and go to its record, if they may still see it."""
    notification = get_object_or_404(Notification.objects.select_related("actor"), pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.target
    url = getattr(target, "get_absolute_url", None)
    if url is not None and can_see(request.user, target):
        return redirect(url())
    return render(request, "core/notification_detail.html", {"notification": notification})


@login_required
@require_POST
def notification_read_all(request):
    """Mark every unread notification of the user read."""
    marked = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        messages.success(request, _("All notifications marked read."))
    return redirect("notification_list")


class ReminderPreferenceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["frequency", "language"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {
            "frequency": gettext_lazy(
                "The e-mail lists your follow-ups overdue, due today and due this week, trip reports due and "
                "your projects with no activity lately. It is sent only when there is something to list."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", gettext_lazy("The site's default")), *settings.LANGUAGES]


@login_required
def reminder_preference(request):
    """Choose how often the reminder e-mail comes, and in which language."""
    preference = ReminderPreference.objects.filter(user=request.user).first() or ReminderPreference(user=request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder preference is saved."))
        return redirect("reminder_preference")
    return render(
        request,
        "core/reminder_preference.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.errors else 200,
    )
