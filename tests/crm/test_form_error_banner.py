"""A refused form says so in one banner, and says each problem once."""

import pytest
from django.urls import reverse

from tests.conftest import make_country, make_organization
from tests.crm.test_visit_log import visit_data

pytestmark = pytest.mark.django_db


def banners(response) -> list[str]:
    return [part.split(">", 1)[1] for part in response.content.decode().split('class="alert alert-danger')[1:]]


def test_the_visit_log_shows_one_banner_for_a_refused_trip(owner_client, owner):
    siemens = make_organization("Siemens AG", country=make_country())
    bureau = make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))
    response = owner_client.post(
        reverse("crm:visit_log"), visit_data(owner, siemens, bureau, **{"delegation-title": ""})
    )
    assert response.status_code == 200
    assert len(banners(response)) == 1
    assert "Nothing was saved." in banners(response)[0]


def test_a_record_form_shows_one_banner(owner_client):
    response = owner_client.post(reverse("crm:meeting_create"), {"title": ""})
    assert response.status_code == 200
    assert len(banners(response)) == 1


def test_a_project_form_says_nothing_was_saved(manager_client):
    response = manager_client.post(reverse("projects:project_create"), {"name": ""})
    assert response.status_code == 200
    assert len(banners(response)) == 1
    assert "Nothing was saved." in banners(response)[0]


def test_a_rule_explained_in_words_is_not_repeated_as_a_raw_constraint(owner_client, owner):
    response = owner_client.post(
        reverse("crm:followup_create"),
        {"title": "Call back", "owner": owner.pk, "due_on": "2030-01-10", "priority": "normal"},
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert "Say what this follow-up concerns" in errors[0]
    assert "is violated" not in response.content.decode()
