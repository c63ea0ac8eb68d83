"""The team summary posted once a day to a fake WeCom / DingTalk robot on 127.0.0.1."""

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import SentTeamSummary
from tests.conftest import make_follow_up

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 2)


class Robot(BaseHTTPRequestHandler):
    received: list
    answer = b'{"errcode": 0, "errmsg": "ok"}'
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.received.append((self.headers["Content-Type"], json.loads(self.rfile.read(length))))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    handler = type("TestRobot", (Robot,), {"received": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test"
    server.shutdown()
    server.server_close()


@pytest.fixture
def team(settings, owner, other_officer):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CRM_SITE_URL = "https://crm.example.gov.cn"
    owner.email = "li.na@example.gov.cn"
    owner.save()
    make_follow_up(owner, "Late one", due_on=DAY - timedelta(days=2))
    make_follow_up(owner, "Late two", due_on=DAY - timedelta(days=1))
    make_follow_up(owner, "Today", due_on=DAY)
    make_follow_up(other_officer, "His today", due_on=DAY)
    make_follow_up(other_officer, "Later", due_on=DAY + timedelta(days=3))
    return owner, other_officer


def run():
    call_command("send_reminders", "--date", DAY.isoformat(), stdout=_Null(), stderr=_Null())


class _Null:
    text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_wecom_gets_one_markdown_post_per_day(robot, team, settings):
    handler, url = robot
    settings.CRM_DIGEST_WEBHOOK_URL, settings.CRM_DIGEST_WEBHOOK_KIND = url, "wecom"
    run()
    run()
    [(content_type, body)] = handler.received
    assert content_type.startswith("application/json")
    assert body["msgtype"] == "markdown"
    assert set(body["markdown"]) == {"content"}
    content = body["markdown"]["content"]
    assert "Li Na: 2 overdue, 1 due today" in content
    assert "Zhang Wei: 0 overdue, 1 due today" in content
    assert "Overdue: 2 · due today: 2" in content
    assert "(https://crm.example.gov.cn/follow-ups/)" in content
    assert "Late one" not in content  # counts only: no record is named
    assert SentTeamSummary.objects.filter(sent_for=DAY).count() == 1
    assert len(mail.outbox) == 1  # the e-mails go out as well


def test_dingtalk_format(robot, team, settings):
    handler, url = robot
    settings.CRM_DIGEST_WEBHOOK_URL, settings.CRM_DIGEST_WEBHOOK_KIND = url, "dingtalk"
    run()
    [(_type, body)] = handler.received
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"].startswith("Follow-ups on")
    assert "Li Na: 2 overdue, 1 due today" in body["markdown"]["text"]


def test_a_refusing_robot_is_reported_and_the_emails_still_go(robot, team, settings):
    handler, url = robot
    handler.answer = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
    settings.CRM_DIGEST_WEBHOOK_URL = url
    stderr = _Null()
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", DAY.isoformat(), stdout=_Null(), stderr=stderr)
    assert "93000" in stderr.text
    assert len(mail.outbox) == 1
    assert not SentTeamSummary.objects.exists()  # tried again by the next run


def test_an_unreachable_robot_is_reported(team, settings):
    settings.CRM_DIGEST_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    stderr = _Null()
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", DAY.isoformat(), stdout=_Null(), stderr=stderr)
    assert "Team summary for 2026-12-02 not posted" in stderr.text
    assert len(mail.outbox) == 1


def test_off_by_default(team, settings):
    settings.CRM_DIGEST_WEBHOOK_URL = ""
    run()
    assert not SentTeamSummary.objects.exists()
