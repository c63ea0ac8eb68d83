"""Beside the similar organizations a new name was refused for, "Use this one" puts the recorded one in the row."""

import pytest
from django.urls import reverse

from crm.models import Delegation, Meeting
from partners.models import Organization
from tests.conftest import make_country, make_organization
from tests.crm.test_visit_log import URL, visit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def siemens():
    return make_organization("Siemens AG", country=make_country())


@pytest.fixture
def bureau():
    return make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))


def refused(owner_client, owner, siemens, bureau):
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{
            "meetings-0-organizations": [],
            "meetings-0-new_organization": "Siemens",
            "meetings-0-new_organization_country": siemens.country_id,
        },
    )
    return data, owner_client.post(URL, data).content.decode()


def test_the_warning_offers_to_use_each_similar_one(owner_client, owner, siemens, bureau):
    _data, html = refused(owner_client, owner, siemens, bureau)
    assert f'name="action" value="use:meetings-0:{siemens.pk}"' in html
    assert "Use this one" in html


def test_using_it_puts_it_in_the_row_and_drops_the_new_name(owner_client, owner, siemens, bureau):
    data, _html = refused(owner_client, owner, siemens, bureau)
    response = owner_client.post(URL, {**data, "action": f"use:meetings-0:{siemens.pk}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not Delegation.objects.exists()
    assert f'<option value="{siemens.pk}" selected>' in html
    assert 'value="Siemens"' not in html
    # Saving now records the meeting with the organization already recorded, and creates none.
    saved = {**data, "meetings-0-organizations": [siemens.pk], "meetings-0-new_organization": ""}
    assert owner_client.post(URL, saved).status_code == 302
    assert list(Meeting.objects.get().organizations.all()) == [siemens]
    assert not Organization.objects.filter(name="Siemens").exists()


def test_a_made_up_choice_changes_nothing(owner_client, owner, siemens, bureau):
    data, _html = refused(owner_client, owner, siemens, bureau)
    response = owner_client.post(URL, {**data, "action": "use:meetings-0:999999"})
    assert response.status_code == 200
    assert 'value="Siemens"' in response.content.decode()


def test_the_organization_form_offers_it_too(owner_client, siemens):
    data = {"name": "Siemens", "kind": "company", "country": siemens.country_id}
    html = owner_client.post(reverse("partners:organization_create"), data).content.decode()
    assert "Use this one" in html and siemens.get_absolute_url() in html
