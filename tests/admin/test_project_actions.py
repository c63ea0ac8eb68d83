"""Projects change stage, status and money in the admin only through projects.services."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import CapitalInflow, InvestmentProject, StageChange
from tests.admin.forms import change_form_data
from tests.conftest import make_gated_project, make_project, make_rate

CHANGELIST = reverse("admin:projects_investmentproject_changelist")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def _act(client, action, projects, **form):
    data = {"action": action, "_selected_action": [project.pk for project in projects], **form}
    return client.post(CHANGELIST, data, follow=True)


def test_move_action_first_asks_for_the_stage_and_a_note(admin_client_):
    project = make_project(name="Qingdao-Israel innovation park")

    response = _act(admin_client_, "move_to_stage", [project])

    assert response.status_code == 200
    assert "Qingdao-Israel innovation park" in response.text
    assert 'name="stage"' in response.text and 'name="note"' in response.text
    assert StageChange.objects.count() == 0


def test_move_action_refuses_a_project_missing_gate_fields_and_leaves_it_unchanged(admin_client_):
    project = make_project(name="Hydrogen bus plant", stage="intent")
    version = project.version

    response = _act(admin_client_, "move_to_stage", [project], apply="1", stage="contracted", note="Signed in Jinan")

    messages = _messages(response)
    assert len(messages) == 1
    assert messages[0].startswith("“Hydrogen bus plant” was not moved:")
    for reason in ("Record the investor.", "Record the contracted amount and its currency.", "Record the sector."):
        assert reason in messages[0]
    project.refresh_from_db()
    assert (project.stage, project.version) == ("intent", version)
    assert not StageChange.objects.exists()


def test_move_action_moves_a_gated_project_and_logs_the_move(admin_client_, admin_user, owner):
    project = make_gated_project(owner, name="Sino-German robotics plant")

    response = _act(
        admin_client_, "move_to_stage", [project], apply="1", stage="contracted", note="Contract signed in Munich"
    )

    assert "Moved 1 project." in _messages(response)
    project.refresh_from_db()
    assert project.stage == "contracted"
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "intent",
        "contracted",
        admin_user,
        "Contract signed in Munich",
    )


def test_move_action_moves_what_passes_and_lists_what_does_not(admin_client_, owner):
    gated = make_gated_project(owner, name="Gated")
    bare = make_project(name="Bare", stage="intent")

    response = _act(admin_client_, "move_to_stage", [gated, bare], apply="1", stage="registered")

    messages = _messages(response)
    assert "Moved 1 project." in messages
    assert any(message.startswith("“Bare” was not moved: Record the investor.") for message in messages)
    assert InvestmentProject.objects.get(name="Gated").stage == "registered"
    assert InvestmentProject.objects.get(name="Bare").stage == "intent"


def test_move_action_asks_for_a_reason_when_a_project_is_lost(admin_client_, owner):
    project = make_gated_project(owner, name="Battery plant")

    response = _act(admin_client_, "move_to_stage", [project], apply="1", status="lost")

    assert "“Battery plant” was not moved: Say why the project was lost or withdrawn." in _messages(response)
    response = _act(
        admin_client_,
        "move_to_stage",
        [project],
        apply="1",
        status="lost",
        lost_reason="Went to Tianjin",
        lost_to="Tianjin",
    )
    project.refresh_from_db()
    assert (project.status, project.lost_to) == ("lost", "Tianjin")


def test_move_action_without_stage_or_status_shows_the_form_again(admin_client_, owner):
    project = make_gated_project(owner)

    response = _act(admin_client_, "move_to_stage", [project], apply="1", note="Nothing chosen")

    assert "Choose a stage, a status, or both." in response.text
    assert not StageChange.objects.exists()


def test_change_form_does_not_let_stage_or_status_be_typed(admin_client_, owner):
    project = make_project(name="Cold-chain hub", stage="lead", officer=owner)
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    page = admin_client_.get(url)
    assert "stage" not in page.context["adminform"].form.fields

    response = admin_client_.post(url, change_form_data(page, stage="operating", status="lost", planned_jobs="300"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.stage, project.status, project.planned_jobs) == ("lead", "active", 300)


def test_contracted_amount_edit_fixes_the_usd_value_through_the_service(admin_client_, owner):
    make_rate("EUR", "1.12", date(2019, 6, 1))
    project = make_project(name="Wind turbine blades", officer=owner, signed_on=date(2019, 6, 5))
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    page = admin_client_.get(url)

    response = admin_client_.post(url, change_form_data(page, contracted_amount="50000000", currency="EUR"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.contracted_amount, project.currency) == (Decimal("50000000"), "EUR")
    assert (project.usd_rate, project.contracted_usd) == (Decimal("1.12"), Decimal("56000000.00"))
    # No stored version of the project shows the new amount without its USD value.
    assert all(row.contracted_usd is not None for row in project.history.filter(contracted_amount__isnull=False))


def test_typed_usd_values_are_ignored(admin_client_, owner):
    project = make_project(name="Port crane works", officer=owner)
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    page = admin_client_.get(url)

    admin_client_.post(url, change_form_data(page, usd_rate="9", contracted_usd="999"))

    project.refresh_from_db()
    assert (project.usd_rate, project.contracted_usd) == (None, None)


def test_an_amount_in_a_currency_without_a_rate_is_saved_with_its_usd_value_pending(admin_client_, owner):
    make_rate("CNY", "0.145", date(2019, 1, 1))
    project = make_project(name="Seoul fund", officer=owner)
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    page = admin_client_.get(url)

    response = admin_client_.post(
        url,
        change_form_data(
            page, contracted_amount="1000000000", currency="KRW", planned_amount="1000", planned_currency="CNY"
        ),
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.contracted_amount, project.currency, project.contracted_usd) == (Decimal("1000000000"), "KRW", None)
    assert (project.planned_amount, project.planned_usd) == (Decimal("1000"), Decimal("145.00"))


def test_record_inflow_action_records_it_at_the_recorded_rate(admin_client_, owner):
    make_rate("EUR", "1.10", date(2019, 8, 1))
    project = make_gated_project(owner, name="Eco-Park logistics centre")

    response = _act(
        admin_client_,
        "record_inflow",
        [project],
        apply="1",
        amount="2000000",
        currency="EUR",
        received_on="2019-09-01",
        note="First tranche",
    )

    inflow = CapitalInflow.objects.get(project=project)
    assert (inflow.amount_usd, inflow.usd_rate, inflow.note) == (
        Decimal("2200000.00"),
        Decimal("1.10"),
        "First tranche",
    )
    assert response.redirect_chain[-1][0] == reverse("admin:projects_investmentproject_change", args=[project.pk])
    assert any(message.startswith("Recorded 2,000,000\u00a0EUR") for message in _messages(response))
    assert "Eco-Park logistics centre" in response.text


def test_record_inflow_without_a_rate_records_it_pending(admin_client_, owner):
    project = make_gated_project(owner)

    response = _act(
        admin_client_, "record_inflow", [project], apply="1", amount="5", currency="JPY", received_on="2019-09-01"
    )

    assert any("USD pending" in message for message in _messages(response))
    assert CapitalInflow.objects.get().amount_usd is None


def test_record_inflow_needs_exactly_one_project(admin_client_, owner):
    projects = [make_gated_project(owner, name="One"), make_gated_project(owner, name="Two", investor=None)]

    response = _act(admin_client_, "record_inflow", projects)

    assert "Select exactly one project to record a capital inflow for." in _messages(response)


def test_stage_changes_and_inflows_cannot_be_added_by_hand(admin_client_):
    assert admin_client_.get(reverse("admin:projects_stagechange_add")).status_code == 403
    assert admin_client_.get(reverse("admin:projects_capitalinflow_add")).status_code == 403


def test_move_action_records_a_stage_with_gaps_through_the_service(client, manager, owner):
    # A manager in the admin: the same service, the same rule, the same log.
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    project = make_project(name="Green Angel fund", stage="intent", officer=owner)

    refused = _act(client, "move_to_stage", [project], apply="1", stage="contracted", record_with_gaps="on")
    assert "Give the reason for recording this stage with data gaps." in _messages(refused)[0]
    assert not StageChange.objects.exists()

    response = _act(
        client,
        "move_to_stage",
        [project],
        apply="1",
        stage="contracted",
        record_with_gaps="on",
        note="Contract signed for a RMB 1 bn fund (L633-634)",
        occurred_on="2019-06-01",
        occurred_on_precision="month",
    )
    assert "Moved 1 project." in _messages(response)
    change = StageChange.objects.get(project=project)
    assert (change.to_stage, change.occurred_on, change.occurred_on_precision) == (
        "contracted",
        date(2019, 6, 1),
        "month",
    )
    assert "Record the investor." in change.gaps_at_move


def test_move_action_refuses_a_future_date_and_moves_back_with_a_reason(admin_client_, owner):
    project = make_gated_project(owner, name="Slipped deal", stage="contracted")
    future = _act(admin_client_, "move_to_stage", [project], apply="1", stage="registered", occurred_on="2999-01-01")
    assert "cannot be in the future" in _messages(future)[0]
    back = _act(admin_client_, "move_to_stage", [project], apply="1", stage="negotiating")
    assert "Say why the project moved back to an earlier stage." in _messages(back)[0]
    _act(admin_client_, "move_to_stage", [project], apply="1", stage="negotiating", note="Terms reopened")
    project.refresh_from_db()
    assert project.stage == "negotiating"
    assert StageChange.objects.get(project=project).note == "Terms reopened"
