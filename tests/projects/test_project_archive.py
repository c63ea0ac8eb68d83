"""Officers archive projects instead of deleting them; archived projects leave lists but stay reachable."""

import pytest
from django.urls import reverse

from tests.conftest import make_project

pytestmark = pytest.mark.django_db


def url(project):
    return reverse("projects:project_archive", args=[project.pk])


def test_owner_archives_and_restores(client, owner):
    project = make_project(name="Abandoned lead", officer=owner)
    client.force_login(owner)
    response = client.post(url(project), {"action": "archive"})
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    project.refresh_from_db()
    assert project.is_archived
    listed = client.get(reverse("projects:project_list")).context["object_list"]
    assert project not in listed
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200 and "Restore" in page.content.decode()
    client.post(url(project), {"action": "restore"})
    project.refresh_from_db()
    assert not project.is_archived
    assert project.history.first().history_change_reason == "Restored"


def test_another_officer_may_not_archive(client, owner, other_officer):
    project = make_project(officer=owner)
    client.force_login(other_officer)
    assert client.post(url(project), {"action": "archive"}).status_code == 403
    project.refresh_from_db()
    assert not project.is_archived
