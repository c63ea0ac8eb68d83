"""An edit refused because someone saved meanwhile shows both values and can be saved over theirs."""

import pytest
from django.urls import reverse

from tests.conftest import make_project

pytestmark = pytest.mark.django_db


def form_data(project, **overrides):
    data = {
        "name": project.name,
        "name_zh": "",
        "district": "",
        "project_type": "greenfield",
        "signed_on_precision": "day",
        "description": "Cold store for Korean food imports.",
        "planned_jobs": "",
        "contracted_amount": "",
        "currency": "",
        "version": project.version,
    }
    data.update(overrides)
    return data


@pytest.fixture
def refused(client, owner):
    """A project a colleague changed after ``owner`` opened it, and ``owner``'s refused post."""
    project = make_project(name="Qingdao port cold store", officer=owner, stage="intent")
    opened_at = project.version
    project.description = "Changed by a colleague"
    project.save()
    client.force_login(owner)
    url = reverse("projects:project_update", args=[project.pk])
    response = client.post(url, form_data(project, version=opened_at, description="Mine: a cold store"))
    return project, url, response, opened_at


def test_the_refusal_shows_their_value_beside_mine(refused):
    project, _url, response, _opened_at = refused
    html = response.content.decode()
    assert response.status_code == 200
    assert "Changed meanwhile, beside what you typed" in html
    assert '<td class="stale-now">Changed by a colleague</td>' in html
    assert '<td class="stale-yours">Mine: a cold store</td>' in html
    project.refresh_from_db()
    assert f'name="reapply_version" value="{project.version}"' in html


def test_saving_mine_over_theirs_applies_my_values(client, refused):
    project, url, _response, opened_at = refused
    project.refresh_from_db()
    data = form_data(project, version=opened_at, description="Mine: a cold store", reapply_version=project.version)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.description == "Mine: a cold store"


def test_saving_over_a_version_that_moved_on_again_is_refused_again(client, refused):
    project, url, _response, opened_at = refused
    project.refresh_from_db()
    seen = project.version
    project.description = "Changed a second time"
    project.save()
    response = client.post(url, form_data(project, version=opened_at, description="Mine", reapply_version=seen))
    assert response.status_code == 200
    assert "Changed a second time" in response.content.decode()
    project.refresh_from_db()
    assert project.description == "Changed a second time"


def test_another_officer_cannot_use_the_button(client, other_officer, refused):
    project, url, _response, opened_at = refused
    client.force_login(other_officer)
    project.refresh_from_db()
    response = client.post(url, form_data(project, version=opened_at, description="x", reapply_version=project.version))
    assert response.status_code in (403, 404)
    project.refresh_from_db()
    assert project.description == "Changed by a colleague"
