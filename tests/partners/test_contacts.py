"""Contacts: list with filter and search, page, create with the organization preselected, edit."""

from datetime import date

import pytest
from django.urls import reverse

from partners.models import Contact
from tests.conftest import make_delegation, make_meeting, make_organization
from tests.partners.helpers import add_contact, names_on_page, queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("partners:contact_list")
CREATE = reverse("partners:contact_create")


@pytest.fixture
def people():
    port = make_organization("Busan Port Authority")
    bank = make_organization("Hana Bank")
    return {
        "kim": add_contact(port, "Kim Min-jun", title="Director", email="kim@busanpa.example"),
        "park": add_contact(bank, "Park Seo-yeon", name_zh="朴书妍", title="Branch head"),
        "port": port,
    }


def test_list_filters_and_searches(client, owner, people):
    client.force_login(owner)
    response = client.get(LIST)
    assert response.status_code == 200
    assert [c.name for c in response.context["object_list"]] == ["Kim Min-jun", "Park Seo-yeon"]
    by_organization = client.get(f"{LIST}?organization={people['port'].pk}")
    assert [c.name for c in by_organization.context["object_list"]] == ["Kim Min-jun"]
    assert [c.name for c in client.get(f"{LIST}?q=朴").context["object_list"]] == ["Park Seo-yeon"]
    assert [c.name for c in client.get(f"{LIST}?q=hana").context["object_list"]] == ["Park Seo-yeon"]
    assert [c.name for c in client.get(f"{LIST}?q=busanpa").context["object_list"]] == ["Kim Min-jun"]


def test_list_query_count_does_not_grow_with_rows(client, owner):
    client.force_login(owner)
    organization = make_organization("Busan Port Authority")
    for number in range(2):
        add_contact(organization, f"Person {number:02d}")
    few = queries_for(client, f"{LIST}?per_page=100", shows=["Person 00", "Person 01", "Busan Port Authority"])
    for number in range(2, 60):
        add_contact(make_organization(f"Company {number}"), f"Person {number:02d}")
    many = queries_for(client, f"{LIST}?per_page=100", shows=["Person 00", "Person 59", "Company 2", "Company 59"])
    assert many == few


def test_detail_shows_the_person_and_where_they_were_met(client, owner, people):
    kim = people["kim"]
    meeting = make_meeting("Port cooperation talks", date=date(2019, 5, 13))
    meeting.contacts.add(kim)
    make_delegation("Busan port delegation to Qingdao", leader=kim)
    client.force_login(owner)
    response = client.get(kim.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Kim Min-jun", "Director", "Busan Port Authority", "kim@busanpa.example", "Port cooperation talks"]:
        assert text in html
    assert "Busan port delegation to Qingdao" in html


def test_create_preselects_the_organization(client, owner, people):
    client.force_login(owner)
    form = client.get(f"{CREATE}?organization={people['port'].pk}").context["form"]
    assert form["organization"].value() == people["port"].pk
    response = client.post(
        CREATE, {"organization": people["port"].pk, "name": "Choi Yu-na", "title": "Deputy director"}
    )
    contact = Contact.objects.get(name="Choi Yu-na")
    assert response.status_code == 302 and response.url == contact.get_absolute_url()


def test_duplicate_person_at_the_same_organization_is_refused(client, owner, people):
    client.force_login(owner)
    response = client.post(CREATE, {"organization": people["port"].pk, "name": "kim min-jun"})
    assert "This organization already has a contact with this name." in response.content.decode()
    assert Contact.objects.count() == 2


def test_bad_email_saves_nothing(client, owner, people):
    client.force_login(owner)
    response = client.post(CREATE, {"organization": people["port"].pk, "name": "Choi Yu-na", "email": "nope"})
    assert "email" in response.context["form"].errors
    assert not Contact.objects.filter(name="Choi Yu-na").exists()


def test_edit(client, owner, people):
    kim = people["kim"]
    client.force_login(owner)
    url = reverse("partners:contact_update", args=[kim.pk])
    data = {"organization": kim.organization_id, "name": kim.name, "title": "President", "version": kim.version}
    assert client.post(url, data).status_code == 302
    kim.refresh_from_db()
    assert kim.title == "President"


def test_refused_without_permission(client, django_user_model, people):
    kim = people["kim"]
    client.force_login(django_user_model.objects.create_user("visitor", password="a-long-password-1"))
    assert client.get(LIST).status_code == 403
    assert client.get(kim.get_absolute_url()).status_code == 403
    assert client.post(CREATE, {"organization": kim.organization_id, "name": "Someone"}).status_code == 403
    url = reverse("partners:contact_update", args=[kim.pk])
    assert client.post(url, {"organization": kim.organization_id, "name": "Renamed"}).status_code == 403
    assert sorted(Contact.objects.values_list("name", flat=True)) == ["Kim Min-jun", "Park Seo-yeon"]


def test_list_sorts_by_name_descending(client, owner, people):
    client.force_login(owner)
    assert names_on_page(client.get(f"{LIST}?o=-name")) == ["Park Seo-yeon, Branch head", "Kim Min-jun, Director"]
