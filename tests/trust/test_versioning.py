"""Concurrent edits never overwrite each other silently: forms, admin and services refuse a stale version."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.versioning import StaleEdit, VersionedModelForm, check_version, save_versioned
from partners.models import Organization
from projects.models import InvestmentProject, StageChange
from projects.services import move_project
from tests.conftest import make_contact, make_organization, make_project

pytestmark = pytest.mark.django_db


class ProjectForm(VersionedModelForm):
    class Meta:
        model = InvestmentProject
        fields = ["name", "description", "planned_jobs"]


def form_data(project, **changes):
    data = {"name": project.name, "description": project.description, "planned_jobs": project.planned_jobs or ""}
    data["version"] = project.version
    data.update(changes)
    return data


@pytest.fixture
def project(owner):
    return make_project("Sino-German battery plant", officer=owner, description="First draft")


def test_form_carries_the_version_it_was_opened_at(project):
    form = ProjectForm(instance=project)
    assert form.initial["version"] == 1
    assert 'type="hidden" name="version" value="1"' in str(form["version"])


def test_an_add_form_has_no_version():
    assert "version" not in ProjectForm().fields


def test_a_current_edit_saves_and_raises_the_version(project):
    form = ProjectForm(form_data(project, description="Second draft"), instance=project)
    assert form.is_valid(), form.errors
    form.save()
    project.refresh_from_db()
    assert (project.description, project.version) == ("Second draft", 2)


def test_a_stale_form_is_refused_and_names_what_changed(project, other_officer):
    opened = form_data(project)  # the first tab is opened at version 1
    second_tab = ProjectForm(form_data(project, description="Budget doubled"), instance=project)
    assert second_tab.is_valid()
    second_tab.save()

    stale = ProjectForm({**opened, "name": "Renamed in the first tab"}, instance=InvestmentProject.objects.get())
    assert not stale.is_valid()
    message = " ".join(stale.non_field_errors())
    assert "description is now “Budget doubled”" in message
    assert "Your changes were not saved" in message
    project.refresh_from_db()
    assert project.name == "Sino-German battery plant"
    assert project.description == "Budget doubled"


def test_the_refusal_says_who_saved_meanwhile(project, manager):
    copy = InvestmentProject.objects.get()
    copy.planned_jobs = 300
    copy._history_user = manager
    copy.save()
    stale = ProjectForm(form_data(project, description="Mine"), instance=InvestmentProject.objects.get())
    assert not stale.is_valid()
    message = stale.non_field_errors()[0]
    assert message.startswith("Wang Fang saved this record at ")
    assert "planned jobs is now “300”" in message


def test_a_form_posted_without_its_version_is_refused(project):
    data = form_data(project, description="No version")
    del data["version"]
    form = ProjectForm(data, instance=project)
    assert not form.is_valid()
    assert "without the version" in form.non_field_errors()[0]


def test_of_two_simultaneous_posts_only_the_first_is_written(project):
    first = ProjectForm(form_data(project, description="First"), instance=InvestmentProject.objects.get())
    second = ProjectForm(form_data(project, description="Second"), instance=InvestmentProject.objects.get())
    # Both passed validation before either saved: the save itself must refuse the second.
    assert first.is_valid() and second.is_valid()
    first.save()
    with pytest.raises(StaleEdit) as refused:
        second.save()
    assert [change.name for change in refused.value.changes] == ["description"]
    project.refresh_from_db()
    assert (project.description, project.version) == ("First", 2)


def test_check_version_for_services(project):
    assert check_version(InvestmentProject, project.pk, 1) == 1
    InvestmentProject.objects.get().save()
    with pytest.raises(ValidationError):
        check_version(InvestmentProject, project.pk, 1)


def test_check_version_on_a_deleted_record():
    organization = make_organization()
    pk = organization.pk
    organization.delete()
    with pytest.raises(StaleEdit, match="deleted"):
        check_version(Organization, pk, 1)


def test_save_versioned_refuses_an_old_copy(project):
    old_copy = InvestmentProject.objects.get()
    InvestmentProject.objects.get().save()
    old_copy.name = "Overwrite"
    with pytest.raises(StaleEdit):
        save_versioned(old_copy, old_copy.version)
    assert InvestmentProject.objects.get().name == "Sino-German battery plant"


def test_stale_edit_is_a_validation_error():
    assert issubclass(StaleEdit, forms.ValidationError)


@pytest.mark.urls("tests.trust.admin_site")
def test_the_admin_refuses_a_stale_change_form(client, admin_user):
    organization = make_organization("Qingdao Port", notes="Original notes")
    client.force_login(admin_user)
    url = f"/trust-admin/partners/organization/{organization.pk}/change/"
    page = client.get(url)
    assert 'name="version" value="1"' in page.content.decode()

    def post(**changes):
        data = {"name": "Qingdao Port", "kind": "port", "country": organization.country_id, "notes": "Original notes"}
        data.update(changes)
        return client.post(url, data)

    # Another administrator saves first, from the same version...
    assert post(version=1, notes="Berth 7 leased").status_code == 302
    # ...then the first administrator's older form arrives.
    response = post(version=1, name="Qingdao Port Group")
    assert response.status_code == 200
    content = response.content.decode()
    assert "notes is now “Berth 7 leased”" in content
    organization.refresh_from_db()
    assert (organization.name, organization.notes, organization.version) == ("Qingdao Port", "Berth 7 leased", 2)


@pytest.mark.urls("tests.trust.admin_site")
def test_the_admin_still_adds_records(client, admin_user):
    client.force_login(admin_user)
    country = make_organization().country
    response = client.post(
        "/trust-admin/partners/organization/add/",
        {"name": "Haier", "kind": "company", "country": country.pk, "notes": ""},
    )
    assert response.status_code == 302
    assert Organization.objects.get(name="Haier").version == 1


def test_a_service_refuses_an_out_of_date_instance(owner):
    project = make_project(officer=owner, stage="lead")
    old_copy = InvestmentProject.objects.get(pk=project.pk)
    move_project(project, user=owner, stage="negotiating")
    with pytest.raises(ValidationError, match="changed this project meanwhile"):
        move_project(old_copy, user=owner, status="on_hold")
    project.refresh_from_db()
    assert (project.stage, project.status) == ("negotiating", "active")
    assert StageChange.objects.filter(project=project).count() == 1


@pytest.mark.urls("tests.trust.admin_site")
def test_the_admin_mixin_works_with_fieldsets_and_a_read_only_version(client, admin_user):
    contact = make_contact("Dr. Cohen", title="Director")
    client.force_login(admin_user)
    url = f"/trust-admin/partners/contact/{contact.pk}/change/"
    content = client.get(url).content.decode()
    assert content.count('name="version"') == 1
    data = {"organization": contact.organization_id, "name": "Dr. Cohen", "version": 1}
    assert client.post(url, {**data, "title": "Chair"}).status_code == 302
    response = client.post(url, {**data, "title": "Vice chair"})
    assert "title is now “Chair”" in response.content.decode()
    contact.refresh_from_db()
    assert contact.title == "Chair"


@pytest.mark.parametrize("tampered", ["abc", "0", "-3"])
def test_a_tampered_version_is_refused_where_the_person_sees_it(project, tampered):
    form = ProjectForm(form_data(project, description="Tampered", version=tampered), instance=project)
    assert not form.is_valid()
    assert "version" not in form.errors
    assert "version is not valid" in form.non_field_errors()[0]
    project.refresh_from_db()
    assert project.description == "First draft"


def test_a_version_from_the_future_is_refused(project):
    form = ProjectForm(form_data(project, description="Future", version=99), instance=project)
    assert not form.is_valid()
    assert "Your changes were not saved" in form.non_field_errors()[0]


def test_a_record_without_a_creation_row_still_names_what_changed(owner):
    # A seeded record: no history row for version 1. The edit starts at version 2.
    (project,) = InvestmentProject.objects.bulk_create([InvestmentProject(name="Seeded project", officer=owner)])
    project = InvestmentProject.objects.get()
    project.description = "Edited once"
    project.save()
    opened = form_data(project)
    other = InvestmentProject.objects.get()
    other.planned_jobs = 120
    other.save()
    stale = ProjectForm({**opened, "description": "Mine"}, instance=InvestmentProject.objects.get())
    assert not stale.is_valid()
    assert "planned jobs is now “120”" in stale.non_field_errors()[0]
