"""Nothing of another officer's confidential project reaches an officer: not its name, not its existence.

Officer A (``owner``) owns the confidential project P; officer B (``other_officer``) does not see it.
Each test replays a way P's name used to reach B, and shows it no longer does.
"""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import Agreement, Meeting
from projects.models import InvestmentProject
from tests.conftest import make_agreement, make_meeting, make_organization, make_project

pytestmark = pytest.mark.django_db

SECRET = "Jiaozhou Bay hydrogen plant"


@pytest.fixture
def secret(owner):
    return make_project(SECRET, officer=owner, is_confidential=True)


def history(record) -> str:
    opts = record._meta
    return reverse("record_history", args=[opts.app_label, opts.model_name, record.pk])


def form_data(form) -> dict:
    """What a browser posts back for ``form`` as rendered, untouched."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif isinstance(value, date):
            data[field.html_name] = value.isoformat()
        else:
            data[field.html_name] = str(value)
    return data


def test_history_of_a_public_project_does_not_name_its_confidential_parent(client, owner, other_officer, secret):
    phase = make_project("Phase 2", officer=other_officer)
    phase.parent = secret
    phase.save()
    client.force_login(other_officer)
    response = client.get(history(phase))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert "a record you may not see" in response.content.decode()
    client.force_login(owner)
    assert SECRET in client.get(history(phase)).content.decode()


def test_history_of_a_meeting_once_linked_to_a_confidential_project_does_not_name_it(client, other_officer, secret):
    meeting = make_meeting("Site visit")
    meeting.project = secret
    meeting.save()
    meeting.project = None
    meeting.save()
    client.force_login(other_officer)
    response = client.get(history(meeting))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_a_stale_edit_refusal_does_not_name_a_confidential_project(client, owner, other_officer, secret):
    meeting = make_meeting("Talks with the port")
    meeting.officers.add(other_officer)  # B was there, so B may edit it
    client.force_login(other_officer)
    url = reverse("crm:meeting_update", args=[meeting.pk])
    data = form_data(client.get(url).context["form"])
    # Meanwhile officer A links the meeting to the confidential project.
    meeting.project = secret
    meeting.save()
    response = client.post(url, {**data, "summary": "Agreed on a second visit."})
    content = response.content.decode()
    assert response.status_code == 200
    assert "after you opened it" in content
    assert SECRET not in content
    meeting.refresh_from_db()
    assert meeting.summary != "Agreed on a second visit." and meeting.project == secret


def test_saving_a_project_unchanged_keeps_a_parent_the_editor_cannot_see(client, other_officer, secret):
    phase = make_project("Phase 2", officer=other_officer, parent=secret)
    client.force_login(other_officer)
    url = reverse("projects:project_update", args=[phase.pk])
    page = client.get(url)
    assert SECRET not in page.content.decode()
    response = client.post(url, form_data(page.context["form"]))
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.parent == secret


def test_editing_an_agreement_keeps_a_project_link_the_editor_cannot_see(client, other_officer, secret):
    agreement = make_agreement("MOU on hydrogen", created_by=other_officer)
    agreement.projects.add(secret)
    client.force_login(other_officer)
    url = reverse("crm:agreement_update", args=[agreement.pk])
    page = client.get(url)
    assert SECRET not in page.content.decode()
    data = form_data(page.context["form"])
    # The page renders no option for the hidden project, so the browser posts none.
    assert f'value="{secret.pk}"' not in page.content.decode().split('name="projects"')[1].split("</select>")[0]
    data.pop("projects", None)
    data.update({"parties-TOTAL_FORMS": "0", "parties-INITIAL_FORMS": "0"})
    response = client.post(url, {**data, "description": "Signed in Munich."})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    agreement.refresh_from_db()
    assert list(agreement.projects.all()) == [secret]
    assert agreement.description == "Signed in Munich."


def test_a_new_project_named_like_a_hidden_one_is_not_warned_about(client, other_officer, secret):
    client.force_login(other_officer)
    response = client.post(
        reverse("projects:project_create"),
        {"name": SECRET, "stage": "lead", "project_type": "greenfield", "signed_on_precision": "day"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert InvestmentProject.objects.filter(name=SECRET).count() == 2
    created = InvestmentProject.objects.exclude(pk=secret.pk).get(name=SECRET)
    assert created.reference and created.reference != secret.reference


def test_a_new_project_named_like_a_visible_one_asks_for_confirmation(client, owner, secret):
    client.force_login(owner)
    data = {"name": SECRET, "stage": "lead", "project_type": "greenfield", "signed_on_precision": "day"}
    response = client.post(reverse("projects:project_create"), data)
    assert response.status_code == 200
    assert "already exists" in response.content.decode() and secret.reference in response.content.decode()
    assert InvestmentProject.objects.filter(name=SECRET).count() == 1
    response = client.post(reverse("projects:project_create"), {**data, "confirm_same_name": "on"})
    assert response.status_code == 302
    assert InvestmentProject.objects.filter(name=SECRET).count() == 2


def test_making_a_project_from_an_agreement_with_a_hidden_name_does_not_confirm_it_exists(
    client, other_officer, secret
):
    partner = make_organization("Hydrogen GmbH")
    agreement = make_agreement("Hydrogen MOU", parties=[(partner, "partner")], kind=Agreement.Kind.MOU)
    client.force_login(other_officer)
    response = client.post(reverse("crm:agreement_make_project", args=[agreement.pk]), {"name": SECRET})
    assert "already exists" not in response.content.decode()
    assert agreement.projects.filter(name=SECRET).exclude(pk=secret.pk).exists()


def test_every_project_gets_a_reference_code(owner):
    project = make_project("Cold store", officer=owner, signed_on=date(2019, 6, 3))
    assert project.reference == f"QD-2019-{project.pk:04d}"
    project.refresh_from_db()
    assert project.reference == f"QD-2019-{project.pk:04d}"
    assert InvestmentProject.objects.get_by_natural_key(project.reference) == project


def test_a_meeting_page_masks_a_confidential_project(client, other_officer, secret):
    meeting = make_meeting("Talks", project=secret)
    assert Meeting.objects.get(pk=meeting.pk).project == secret
    client.force_login(other_officer)
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert "Talks" in content and SECRET not in content
