"""send_reminders: who gets which reminder e-mail for a fixed day, and never twice."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import ReminderPreference, SentDigest
from crm import roles
from crm.models import Delegation
from projects.models import InvestmentProject
from tests.conftest import make_delegation, make_follow_up, make_project, make_user

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 12, 2)
MONDAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CRM_SITE_URL = "https://crm.example.gov.cn"
    settings.CRM_DIGEST_WEBHOOK_URL = ""


@pytest.fixture
def people(owner, other_officer):
    owner.email, other_officer.email = "li.na@example.gov.cn", "zhang.wei@example.gov.cn"
    owner.save()
    other_officer.save()
    return owner, other_officer


def send(day=WEDNESDAY):
    call_command("send_reminders", "--date", day.isoformat(), stdout=_Sink(), stderr=_Sink())


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_officer_gets_own_overdue_due_today_and_this_week(people):
    owner, other = people
    make_follow_up(owner, "Call Siemens back", due_on=WEDNESDAY - timedelta(days=3))
    make_follow_up(owner, "Send the MOU draft", due_on=WEDNESDAY)
    make_follow_up(owner, "Book the site visit", due_on=WEDNESDAY + timedelta(days=4))
    make_follow_up(owner, "Next month", due_on=WEDNESDAY + timedelta(days=30))
    make_follow_up(other, "Not hers", due_on=WEDNESDAY - timedelta(days=1))
    send()
    [message] = mail_to(owner.email)
    assert message.subject.startswith("CRM reminders for")
    for title in ("Call Siemens back", "Send the MOU draft", "Book the site visit"):
        assert title in message.body
    assert "Next month" not in message.body
    assert "Not hers" not in message.body
    body = message.body
    assert body.index("Overdue follow-ups") < body.index("Call Siemens back") < body.index("Due today")
    assert body.index("Due today") < body.index("Send the MOU draft") < body.index("Due this week")
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    follow_up = owner.follow_ups.get(title="Call Siemens back")
    assert f'href="https://crm.example.gov.cn{follow_up.get_absolute_url()}"' in html
    assert f"https://crm.example.gov.cn{follow_up.get_absolute_url()}" in message.body
    [theirs] = mail_to(other.email)
    assert "Not hers" in theirs.body and "Call Siemens back" not in theirs.body


def test_trip_reports_due_and_quiet_projects(people):
    owner, _other = people
    make_delegation(
        "Israel and Germany trip",
        officer=owner,
        status=Delegation.Status.RETURNED,
        start_date=WEDNESDAY - timedelta(days=12),
        end_date=WEDNESDAY - timedelta(days=7),
    )
    make_delegation(
        "Reported trip",
        officer=owner,
        status=Delegation.Status.REPORTED,
        start_date=WEDNESDAY - timedelta(days=12),
        end_date=WEDNESDAY - timedelta(days=7),
    )
    quiet = make_project("Quiet battery plant", officer=owner)
    InvestmentProject.objects.filter(pk=quiet.pk).update(created_at=quiet.created_at - timedelta(days=400))
    make_project("Fresh lead", officer=owner)
    send(date.today())
    [message] = mail_to(owner.email)
    assert "Trip reports due" in message.body and "Israel and Germany trip" in message.body
    assert "Reported trip" not in message.body
    assert "no activity for 60 days" in message.body
    assert "Quiet battery plant" in message.body and "Fresh lead" not in message.body


def test_nothing_to_list_sends_nothing(people):
    send()
    assert mail.outbox == []


def test_user_without_address_or_inactive_gets_nothing(people):
    owner, _other = people
    no_address = make_user("noaddress", roles.OFFICER)
    inactive = make_user("gone", roles.OFFICER, email="gone@example.gov.cn", is_active=False)
    for user in (owner, no_address, inactive):
        make_follow_up(user, f"Task of {user.username}", due_on=WEDNESDAY)
    send()
    assert [message.to for message in mail.outbox] == [[owner.email]]


def test_user_who_turned_it_off_gets_nothing(people):
    owner, other = people
    ReminderPreference.objects.create(user=owner, frequency=ReminderPreference.Frequency.OFF)
    make_follow_up(owner, "Hers", due_on=WEDNESDAY)
    make_follow_up(other, "His", due_on=WEDNESDAY)
    send()
    assert mail_to(owner.email) == []
    assert len(mail_to(other.email)) == 1


def test_weekly_user_only_on_monday(people):
    owner, _other = people
    ReminderPreference.objects.create(user=owner, frequency=ReminderPreference.Frequency.WEEKLY)
    make_follow_up(owner, "Weekly task", due_on=MONDAY + timedelta(days=2))
    send(MONDAY + timedelta(days=1))
    assert mail.outbox == []
    send(MONDAY)
    [message] = mail_to(owner.email)
    assert "Weekly task" in message.body


def test_second_run_the_same_day_sends_nothing(people):
    owner, _other = people
    make_follow_up(owner, "Once only", due_on=WEDNESDAY)
    send()
    send()
    assert len(mail.outbox) == 1
    assert SentDigest.objects.filter(user=owner, sent_for=WEDNESDAY).count() == 1
    send(WEDNESDAY + timedelta(days=1))
    assert len(mail.outbox) == 2


def test_in_the_users_language(people):
    owner, _other = people
    ReminderPreference.objects.create(user=owner, language="zh-hans")
    make_follow_up(owner, "Chinese mail", due_on=WEDNESDAY)
    send()
    [message] = mail_to(owner.email)
    assert "Chinese mail" in message.body
    html = message.alternatives[0][0]
    assert 'lang="zh-hans"' in html


def test_a_failed_send_is_retried_by_the_next_run(people, settings, monkeypatch):
    owner, _other = people
    make_follow_up(owner, "Retry me", due_on=WEDNESDAY)

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(CommandError):
        send()
    assert not SentDigest.objects.exists()
    monkeypatch.undo()
    send()
    assert len(mail_to(owner.email)) == 1


def test_bad_date_is_refused_with_a_message():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "2026-13-45")
