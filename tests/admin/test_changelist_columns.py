"""What the admin lists show: USD beside the amount as written, a status that needs attention, overdue."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_follow_up, make_project


def test_project_list_shows_usd_and_the_amount_as_written(client, admin_user):
    make_project(
        name="Wind turbine blades",
        contracted_amount=Decimal("50000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        contracted_usd=Decimal("56000000"),
    )
    client.force_login(admin_user)

    response = client.get(reverse("admin:projects_investmentproject_changelist"))

    assert "56,000,000\u00a0USD" in response.text
    assert "50,000,000\u00a0EUR" in response.text


def test_project_list_shows_a_status_other_than_active_under_the_stage(client, admin_user):
    make_project(name="Battery plant", stage="negotiating", status="on_hold")
    make_project(name="Port crane works", stage="negotiating")
    client.force_login(admin_user)

    response = client.get(reverse("admin:projects_investmentproject_changelist"))

    assert response.text.count("<strong>On hold</strong>") == 1


def test_follow_up_list_marks_overdue_ones(client, admin_user, owner):
    make_follow_up(owner, title="Late one", due_on=timezone.localdate() - timedelta(days=2))
    make_follow_up(owner, title="Cancelled late", due_on=timezone.localdate() - timedelta(days=2), status="cancelled")
    make_follow_up(owner, title="Next week")
    client.force_login(admin_user)

    response = client.get(reverse("admin:crm_followup_changelist"))

    assert response.text.count("<strong>overdue</strong>") == 1
    overdue = client.get(reverse("admin:crm_followup_changelist"), {"due": "overdue"})
    assert [follow_up.title for follow_up in overdue.context["cl"].result_list] == ["Late one"]
