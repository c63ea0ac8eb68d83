"""Search-as-you-type: the lookup endpoint, and forms that render only what is chosen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.models import Meeting
from partners.models import Organization
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_meeting,
    make_organization,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db


def lookup(client, kind: str, q: str, **params):
    return client.get(reverse("lookup", args=[kind]), {"q": q, **params})


def texts(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [result["text"] for result in response.json()["results"]]


def test_organizations_are_found_by_name_chinese_name_and_a_longer_typed_name(owner_client):
    siemens = make_organization("Siemens AG", name_zh="西门子")
    make_organization("BASF SE")
    response = lookup(owner_client, "organization", "siem")
    assert response.json() == {"results": [{"id": siemens.pk, "text": "Siemens AG (Germany)"}]}
    assert texts(lookup(owner_client, "organization", "西门子")) == ["Siemens AG (Germany)"]
    # The name typed in full, with more words, still finds the recorded one (Organization.similar_to).
    assert texts(lookup(owner_client, "organization", "Siemens AG Munich plant")) == ["Siemens AG (Germany)"]


def test_organizations_can_be_limited_to_a_country(owner_client):
    make_organization("Qingdao Port Group", country=make_country("CN", "China"))
    make_organization("Hamburg Port Authority")
    assert texts(lookup(owner_client, "organization", "port")) == [
        "Hamburg Port Authority (Germany)",
        "Qingdao Port Group (China)",
    ]
    assert texts(lookup(owner_client, "organization", "port", country="CN")) == ["Qingdao Port Group (China)"]


def test_contacts_are_found_by_their_name_or_their_organization(owner_client):
    siemens = make_organization("Siemens AG")
    make_contact("Klaus Richter", organization=siemens)
    make_contact("Anna Weber", organization=make_organization("BASF SE"))
    assert texts(lookup(owner_client, "contact", "richter")) == ["Klaus Richter · Siemens AG"]
    assert texts(lookup(owner_client, "contact", "siemens")) == ["Klaus Richter · Siemens AG"]


def test_engagement_records_are_found_by_title_or_name(owner_client):
    make_delegation("Munich chemical cluster visit")
    make_meeting("Chemical park tour")
    make_agreement("MOU on a chemical training centre")
    make_project("Chemical recycling plant")
    assert texts(lookup(owner_client, "delegation", "chemical")) == ["Munich chemical cluster visit · 2019-06-02"]
    assert texts(lookup(owner_client, "meeting", "chemical")) == ["Chemical park tour · 2019-06-03"]
    assert texts(lookup(owner_client, "agreement", "chemical")) == ["MOU on a chemical training centre · 2019-06-02"]
    assert texts(lookup(owner_client, "project", "chemical")) == ["Chemical recycling plant"]
    assert texts(lookup(owner_client, "event", "chemical")) == []


def test_fewer_than_two_characters_find_nothing(owner_client):
    make_organization("Siemens AG")
    assert texts(lookup(owner_client, "organization", " s ")) == []


def test_a_user_without_the_view_permission_is_refused(client):
    client.force_login(make_user("visitor", None))
    make_organization("Siemens AG")
    assert lookup(client, "organization", "siemens").status_code == 403
    assert lookup(client, "project", "siemens").status_code == 403


def test_an_unknown_kind_is_not_found(owner_client):
    assert lookup(owner_client, "user", "admin").status_code == 404


def test_a_confidential_project_appears_only_to_those_who_may_see_it(client, owner, other_officer, manager):
    make_project("Hydrogen plant, confidential", officer=owner, is_confidential=True)
    make_project("Hydrogen plant, open", officer=owner)
    both = ["Hydrogen plant, confidential", "Hydrogen plant, open"]
    for user, expected in ((owner, both), (manager, both), (other_officer, ["Hydrogen plant, open"])):
        client.force_login(user)
        assert texts(lookup(client, "project", "hydrogen")) == expected, user


def test_archived_records_are_left_out(owner_client):
    make_organization("Closed Harbour Co", is_archived=True)
    make_organization("Harbour Logistics")
    make_project("Harbour hotel", is_archived=True)
    make_meeting("Harbour talks", is_archived=True)
    assert texts(lookup(owner_client, "organization", "harbour")) == ["Harbour Logistics (Germany)"]
    assert texts(lookup(owner_client, "project", "harbour")) == []
    assert texts(lookup(owner_client, "meeting", "harbour")) == []


def test_at_most_twenty_results_in_a_fixed_number_of_queries(owner_client):
    for number in range(3):
        make_contact(f"Person {number}", organization=make_organization(f"Trading house {number}"))

    def queries(kind: str, q: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            found = len(texts(lookup(owner_client, kind, q)))
        return found, len(captured)

    few = {kind: queries(kind, "trading") for kind in ("organization", "contact")}
    for number in range(3, 30):
        make_contact(f"Person {number}", organization=make_organization(f"Trading house {number}"))
    many = {kind: queries(kind, "trading") for kind in ("organization", "contact")}
    for kind in few:
        assert few[kind][0] == 3 and many[kind][0] == 20, kind
        assert few[kind][1] == many[kind][1], kind


# The forms: only the chosen records are rendered as options, and a posted id still saves.


def options_of(content: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', content, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


@pytest.fixture
def many_organizations():
    germany = make_country()
    Organization.objects.bulk_create(
        Organization(name=f"Company {number:03}", country=germany) for number in range(300)
    )
    return Organization.objects.order_by("name")


def test_the_visit_log_renders_a_search_not_every_organization(owner_client, many_organizations):
    content = owner_client.get(reverse("crm:visit_log")).content.decode()
    # The fixed lists (kinds, currencies, stages) remain; none of the 300 organizations does.
    assert content.count("<option") < 100
    assert content.count("Company ") == 0
    for name in ("meetings-0-organizations", "agreements-0-partner_parties", "agreements-0-qingdao_parties"):
        assert options_of(content, name) == [], name
    assert f'data-lookup-url="{reverse("lookup", args=["organization"])}"' in content
    assert f'data-lookup-url="{reverse("lookup", args=["organization"])}?country=CN"' in content


def test_the_meeting_form_renders_the_chosen_organization_and_saves_a_posted_id(
    owner_client, owner, many_organizations
):
    url = reverse("crm:meeting_create")
    content = owner_client.get(url).content.decode()
    assert content.count("<option") < 50
    chosen = many_organizations[250]
    data = {"title": "Talks", "kind": "meeting", "date_precision": "day", "organizations": [chosen.pk]}
    # Sent back with an error, the page shows the chosen organization and only it.
    response = owner_client.post(url, data)
    assert response.status_code == 200
    assert options_of(response.content.decode(), "organizations") == ["Company 250"]
    assert not Meeting.objects.exists()
    owner_client.post(url, {**data, "date": "2019-06-03"})
    assert list(Meeting.objects.get().organizations.all()) == [chosen]


def test_a_forged_id_of_a_confidential_project_is_refused(client, owner, other_officer):
    secret = make_project("Secret plant", officer=owner, is_confidential=True)
    client.force_login(other_officer)
    data = {"title": "Talks", "kind": "meeting", "date": "2019-06-03", "date_precision": "day", "project": secret.pk}
    response = client.post(reverse("crm:meeting_create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "Secret plant" not in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_list_filters_keep_their_parameter_and_show_only_the_chosen_organization(owner_client, many_organizations):
    chosen = many_organizations[120]
    for url, name in (
        (reverse("partners:contact_list"), "organization"),
        (reverse("crm:meeting_list"), "organization"),
        (reverse("crm:agreement_list"), "party"),
    ):
        content = owner_client.get(url, {name: chosen.pk}).content.decode()
        assert options_of(content, name) == ["---------", "Company 120"], url
        assert content.count("<option") < 50, url
