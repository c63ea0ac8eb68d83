"""Related records are shown and edited inside their parent's change form."""

from datetime import date, timedelta

from django.urls import reverse

from crm.models import FollowUp
from projects.models import StageChange
from tests.admin.forms import change_form_data
from tests.conftest import (
    make_agreement,
    make_contact,
    make_delegation,
    make_follow_up,
    make_gated_project,
    make_meeting,
    make_organization,
)


def _inline(page, model):
    return next(inline for inline in page.context["inline_admin_formsets"] if inline.formset.model is model)


def test_organization_shows_its_contacts(client, admin_user):
    port = make_organization(name="Qingdao Port")
    make_contact(name="Zhang Jun", organization=port, title="Chairman")
    client.force_login(admin_user)

    response = client.get(reverse("admin:partners_organization_change", args=[port.pk]))

    assert "Zhang Jun" in response.text


def test_delegation_shows_meetings_agreements_and_follow_ups(client, admin_user, owner):
    delegation = make_delegation(title="Israel and Germany, June 2019")
    make_meeting(title="Meeting with Haifa port", delegation=delegation)
    make_agreement(title="Haifa sister port MOU", delegation=delegation)
    make_follow_up(owner, title="Send the Haifa delegation the park plan", delegation=delegation)
    client.force_login(admin_user)

    response = client.get(reverse("admin:crm_delegation_change", args=[delegation.pk]))

    for text in ("Meeting with Haifa port", "Haifa sister port MOU", "Send the Haifa delegation the park plan"):
        assert text in response.text


def test_project_stage_changes_are_read_only_and_follow_ups_can_be_added(client, admin_user, owner):
    project = make_gated_project(owner, name="Sino-German robotics plant")
    StageChange.objects.create(project=project, from_stage="negotiating", to_stage="intent", to_status="active")
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    client.force_login(admin_user)
    page = client.get(url)
    stage_changes = _inline(page, StageChange)
    assert not stage_changes.has_add_permission and not stage_changes.has_change_permission
    assert not stage_changes.has_delete_permission

    follow_ups = _inline(page, FollowUp).formset
    prefix = follow_ups.prefix
    due = date.today() + timedelta(days=14)
    data = change_form_data(
        page,
        **{
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-title": "Send the land-use contract",
            f"{prefix}-0-owner": str(owner.pk),
            f"{prefix}-0-due_on": due.isoformat(),
            f"{prefix}-0-priority": "high",
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    follow_up = FollowUp.objects.get(project=project)
    assert (follow_up.title, follow_up.owner, follow_up.due_on, follow_up.status) == (
        "Send the land-use contract",
        owner,
        due,
        FollowUp.Status.OPEN,
    )
    assert StageChange.objects.filter(project=project).count() == 1


def test_agreement_parties_are_edited_inline(client, admin_user):
    port = make_organization(name="Qingdao Port")
    partner = make_organization(name="Port of Hamburg")
    agreement = make_agreement(title="Sister port agreement", parties=[(port, "qingdao")])
    url = reverse("admin:crm_agreement_change", args=[agreement.pk])
    client.force_login(admin_user)
    page = client.get(url)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data = change_form_data(
        page,
        **{
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-organization": str(partner.pk),
            f"{prefix}-1-side": "partner",
            f"{prefix}-1-agreement": str(agreement.pk),
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    assert sorted(agreement.party_links.values_list("organization__name", "side")) == [
        ("Port of Hamburg", "partner"),
        ("Qingdao Port", "qingdao"),
    ]
