"""The team's day in one group-chat message: per person, follow-ups overdue and due today.

Posted by ``send_reminders`` to a WeCom (企业微信) or DingTalk (钉钉) group robot, once a day, when
``CRM_DIGEST_WEBHOOK_URL`` is set. Counts and names of people only: no record is named, so nothing
confidential leaves the site.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.display import display_date, person
from core.models import SentTeamSummary
from crm.models import FollowUp
from crm.templatetags.crm_tags import absolute_url

TIMEOUT_SECONDS = 10
# People listed by name; the rest are added up in one line. WeCom takes at most 4,096 bytes of markdown.
PEOPLE_SHOWN = 30


@dataclass(frozen=True)
class PersonCounts:
    name: str
    overdue: int
    due_today: int


def team_counts(day: date) -> list[PersonCounts]:
    """Open follow-ups overdue and due on ``day``, per owner, most overdue first (one query, then the names)."""
    rows = (
        FollowUp.objects.active()
        .open()
        .filter(due_on__lte=day)
        .order_by()
        .values("owner")
        .annotate(overdue=Count("pk", filter=Q(due_on__lt=day)), due_today=Count("pk", filter=Q(due_on=day)))
    )
    rows = list(rows)
    users = get_user_model().objects.in_bulk([row["owner"] for row in rows])
    counts = [PersonCounts(person(users.get(row["owner"])), row["overdue"], row["due_today"]) for row in rows]
    counts.sort(key=lambda row: (-row.overdue, -row.due_today, row.name))
    return counts


def summary_markdown(day: date) -> tuple[str, str]:
    """The message's title and markdown body, in the site's language."""
    counts = team_counts(day)
    title = _("Follow-ups on %(day)s") % {"day": display_date(day)}
    lines = [f"### {title}"]
    overdue, due_today = sum(c.overdue for c in counts), sum(c.due_today for c in counts)
    lines.append(_("Overdue: %(overdue)d · due today: %(today)d") % {"overdue": overdue, "today": due_today})
    for row in counts[:PEOPLE_SHOWN]:
        lines.append(
            "- "
            + _("%(name)s: %(overdue)d overdue, %(today)d due today")
            % {"name": row.name, "overdue": row.overdue, "today": row.due_today}
        )
    if len(counts) > PEOPLE_SHOWN:
        lines.append("- " + _("%(count)d more people") % {"count": len(counts) - PEOPLE_SHOWN})
    if not counts:
        lines.append(_("Nothing overdue and nothing due today."))
    lines.append(f"[{_('Open the follow-ups')}]({absolute_url(reverse('crm:followup_list'))})")
    return title, "\n".join(lines)


def payload(kind: str, title: str, text: str) -> dict:
    """The JSON body the group robot of ``kind`` ("wecom" or "dingtalk") accepts for a markdown message."""
    if kind == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


class WebhookError(Exception):
    """The robot could not be reached or refused the message."""


def post_json(url: str, body: dict, *, timeout: float = TIMEOUT_SECONDS) -> None:
    """POST ``body`` as JSON; raise ``WebhookError`` on a network error, an HTTP error or a robot's refusal."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - an address the operator set
            answer = response.read(65536)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise WebhookError(str(error)) from error
    try:
        reply = json.loads(answer or b"{}")
    except ValueError:
        return  # not JSON: the robot said nothing we can read, but the HTTP status was a success
    # Both robots answer HTTP 200 with {"errcode": 0, "errmsg": "ok"}; another errcode is a refusal.
    if isinstance(reply, dict) and reply.get("errcode", 0) != 0:
        raise WebhookError(f"errcode {reply.get('errcode')}: {reply.get('errmsg', '')}")


def post_team_summary(day: date) -> bool:
    """Post the summary for ``day`` to ``CRM_DIGEST_WEBHOOK_URL`` unless it was posted already; True if posted.

    The day is claimed first, as for the e-mails, and given back when the post fails (``WebhookError``).
    """
    url = settings.CRM_DIGEST_WEBHOOK_URL
    if not url:
        return False
    if SentTeamSummary.objects.filter(sent_for=day).exists():
        return False
    with translation.override(settings.LANGUAGE_CODE):
        title, text = summary_markdown(day)
    try:
        with transaction.atomic():
            claim = SentTeamSummary.objects.create(sent_for=day)
    except IntegrityError:
        return False
    try:
        post_json(url, payload(settings.CRM_DIGEST_WEBHOOK_KIND, title, text))
    except WebhookError:
        claim.delete()
        raise
    return True
