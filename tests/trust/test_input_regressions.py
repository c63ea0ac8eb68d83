"""The inputs that once reached a server error: each now gets a clear message or an empty result."""

import pytest
from django.urls import reverse

from crm.models import Agreement, Delegation, Meeting
from tests.conftest import make_country, make_follow_up, make_organization, make_project

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # beyond the database's 64-bit integers


@pytest.fixture
def owner_client(client, owner):
    client.raise_request_exception = False
    client.force_login(owner)
    return client


def management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def visit(**changes):
    country = make_country()
    data = {
        "action": "save",
        "delegation-title": "Munich visit",
        "delegation-direction": "outbound",
        "delegation-status": "returned",
        "delegation-start_date": "2030-06-02",
        "delegation-end_date": "2030-06-05",
        "delegation-date_precision": "day",
        "delegation-countries": [country.pk],
        **management("meetings", 0),
        **management("agreements", 0),
        **management("follow_ups", 0),
    }
    data.update(changes)
    return data


def test_a_huge_investor_id_filters_to_nothing(owner_client, owner):
    make_project(name="Solar plant", officer=owner, investor=make_organization())
    response = owner_client.get(reverse("projects:project_list"), {"investor": HUGE})
    assert response.status_code == 200
    assert "Solar plant" not in response.content.decode()
    assert "Select a valid choice" in response.content.decode()


def test_a_huge_country_id_in_the_visit_log_is_a_form_error(owner_client):
    response = owner_client.post(reverse("crm:visit_log"), visit(**{"delegation-countries": [HUGE]}))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Delegation.objects.exists()


def test_year_one_in_changed_since_is_a_form_error(owner_client, owner):
    make_project(name="Solar plant", officer=owner)
    response = owner_client.get(reverse("projects:project_list"), {"changed_since": "0001-01-01"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a date between the years 1900 and 2200." in content
    assert "Solar plant" not in content


def test_a_superscript_two_as_prefilled_organization_is_ignored(owner_client):
    response = owner_client.get(reverse("partners:contact_create"), {"organization": "²"})
    assert response.status_code == 200
    assert response.context["form"].initial.get("organization") is None


@pytest.mark.parametrize("total", ["-5", "100000000", HUGE, "²"])
def test_a_forged_row_count_is_refused_with_a_message(owner_client, total):
    data = visit(action="add_meetings", **{"meetings-TOTAL_FORMS": total})
    response = owner_client.post(reverse("crm:visit_log"), data)
    assert response.status_code == 200
    data["action"] = "save"
    response = owner_client.post(reverse("crm:visit_log"), data)
    assert response.status_code == 200
    assert "Reload the page and enter the rows again." in response.content.decode()
    assert not Delegation.objects.exists() and not Meeting.objects.exists()


def test_more_meetings_than_a_page_holds_are_refused(owner_client):
    data = visit(**management("meetings", 31))
    for index in range(31):
        data.update({f"meetings-{index}-title": f"Meeting {index}", f"meetings-{index}-kind": "meeting"})
        data[f"meetings-{index}-date"] = "2030-06-03"
    response = owner_client.post(reverse("crm:visit_log"), data)
    assert response.status_code == 200
    assert "This page takes from 0 to 30 rows here, and 31 were sent." in response.content.decode()
    assert not Delegation.objects.exists()


def test_more_agreement_parties_than_a_page_holds_are_refused(owner_client):
    data = {
        "title": "Port cooperation MOU",
        "kind": "mou",
        "status": "signed",
        "signed_on": "2019-06-03",
        "parties-TOTAL_FORMS": "51",
        "parties-INITIAL_FORMS": "0",
    }
    response = owner_client.post(reverse("crm:agreement_create"), data)
    assert response.status_code == 200
    assert "This page takes from 0 to 50 rows here, and 51 were sent." in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("target", ["last", "crm:my_work", "//evil.example/", "/ok\x00", "https://evil.example/"])
def test_next_leads_only_to_a_path_on_this_site(owner_client, owner, target):
    follow_up = make_follow_up(owner)
    response = owner_client.post(reverse("crm:followup_complete", args=[follow_up.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == follow_up.get_absolute_url()
