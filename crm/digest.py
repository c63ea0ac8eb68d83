"""The reminder e-mail: each person's follow-ups, trip reports and quiet projects for a day, sent once.

What is "mine" is My work's rule (``crm.views.my_work``): follow-ups by their owner, trips and projects by
their responsible officer, every list limited to what the person may see. Quiet projects are the dashboard's
rule (``crm.activity.stale``) over the person's own projects, at ``DIGEST_STALE_PROJECT_DAYS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.display import display_date
from core.models import ReminderPreference, SentDigest
from core.notifications import language_of
from crm import activity
from crm.models import Delegation, FollowUp
from crm.templatetags.crm_tags import absolute_url
from crm.views.my_work import DUE_SOON_DAYS
from projects.models import InvestmentProject

# Rows each section lists; the total is said and the site has them all.
SHOWN = 20
MONDAY = 0


@dataclass
class Section:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)

    def __bool__(self):
        return self.total > 0


@dataclass
class Digest:
    user: object
    day: date
    overdue: Section
    due_today: Section
    due_this_week: Section
    reports: Section
    quiet_projects: Section
    quiet_days: int
    links: dict = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not any((self.overdue, self.due_today, self.due_this_week, self.reports, self.quiet_projects))


def _section(queryset) -> Section:
    return Section(rows=list(queryset[:SHOWN]), total=queryset.order_by().count())


def build_digest(user, day: date) -> Digest:
    """What ``user`` has to do as of ``day``."""
    mine = FollowUp.objects.active().visible_to(user).owned_by(user).select_related("owner")
    this_week = mine.due_within(DUE_SOON_DAYS, day).filter(due_on__gt=day)
    trips = Delegation.objects.active().visible_to(user).report_pending().filter(officer=user, end_date__lte=day)
    # The end of ``day``: a project created that day is not yet quiet.
    end_of_day = timezone.make_aware(datetime.combine(day, time.max))
    quiet_days = settings.DIGEST_STALE_PROJECT_DAYS
    projects = InvestmentProject.objects.visible_to(user).filter(officer=user)
    quiet = activity.stale(projects, quiet_days, now=end_of_day)
    return Digest(
        user=user,
        day=day,
        overdue=_section(mine.overdue(day).order_by("due_on", "title")),
        due_today=_section(mine.open().filter(due_on=day).order_by("title")),
        due_this_week=_section(this_week.order_by("due_on", "title")),
        reports=_section(trips.order_by("end_date", "title")),
        quiet_projects=_section(quiet.order_by("last_moved_on", "name")),
        quiet_days=quiet_days,
        links={
            "my_work": absolute_url(reverse("crm:my_work")),
            "preference": absolute_url(reverse("reminder_preference")),
        },
    )


def recipients(day: date):
    """Active users with an e-mail address who want the e-mail on ``day``: daily ones, weekly ones on Mondays."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.exclude(reminder_preference__frequency=ReminderPreference.Frequency.OFF)
    if day.weekday() != MONDAY:
        users = users.exclude(reminder_preference__frequency=ReminderPreference.Frequency.WEEKLY)
    return users.order_by("pk")


def render_digest(digest: Digest) -> EmailMultiAlternatives:
    """The e-mail, plain text and HTML, in the recipient's language."""
    with translation.override(language_of(digest.user)):
        context = {"digest": digest, "day": display_date(digest.day)}
        subject = _("CRM reminders for %(day)s") % {"day": display_date(digest.day)}
        text = render_to_string("crm/email/digest.txt", context)
        html = render_to_string("crm/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[digest.user.email])
    message.attach_alternative(html, "text/html")
    return message


class Outcome:
    SENT = "sent"
    NOTHING = "nothing"  # nothing to list: no e-mail
    ALREADY = "already"  # sent before for this day


def send_digest(user, day: date) -> str:
    """Send ``user`` their e-mail for ``day`` unless it was sent already; say which happened (``Outcome``).

    The (user, day) row is claimed before sending, so two runs at once cannot both send; if sending
    fails, the claim is given back so that the next run tries again, and the error is raised.
    """
    if SentDigest.objects.filter(user=user, sent_for=day).exists():
        return Outcome.ALREADY
    digest = build_digest(user, day)
    if digest.is_empty:
        return Outcome.NOTHING
    message = render_digest(digest)
    try:
        with transaction.atomic():
            claim = SentDigest.objects.create(user=user, sent_for=day)
    except IntegrityError:
        return Outcome.ALREADY
    try:
        message.send()
    except Exception:
        claim.delete()
        raise
    return Outcome.SENT
