"""Recording a new organization: one name rule for the organization page, the visit log and the admin."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partners.models import Contact, Organization
from partners.services import SimilarOrganizations, create_organization
from tests.admin.forms import change_form_data
from tests.conftest import make_country, make_organization

pytestmark = pytest.mark.django_db


def test_an_officer_records_an_organization_and_is_its_creator(owner):
    organization = create_organization(user=owner, name="  Haifa   Port ", country=make_country("IL", "Israel"))
    assert (organization.name, organization.created_by) == ("Haifa Port", owner)
    assert Organization.objects.get().pk == organization.pk


@pytest.mark.parametrize("typed", ["haifa port company", "青岛港"])
def test_a_name_already_recorded_in_either_language_is_refused(owner, typed):
    make_organization("Haifa Port Company", name_zh="青岛港")
    with pytest.raises(ValidationError) as refusal:
        create_organization(user=owner, confirm_similar=True, name=typed, country=make_country())
    assert refusal.value.message_dict["name"] == [
        "“Haifa Port Company” is already recorded; use it instead of recording it again."
    ]
    assert Organization.objects.count() == 1


def test_a_similar_name_is_refused_with_the_similar_organizations_until_confirmed(owner):
    recorded = make_organization("Siemens AG")
    with pytest.raises(SimilarOrganizations) as refusal:
        create_organization(user=owner, name="Siemens", country=make_country())
    assert refusal.value.similar == [recorded]
    assert refusal.value.message_dict["name"][0].startswith(
        "Similar organizations are already recorded: “Siemens AG” (Germany)."
    )
    assert Organization.objects.count() == 1
    created = create_organization(user=owner, confirm_similar=True, name="Siemens", country=make_country())
    assert created.name == "Siemens"


def test_someone_without_a_role_records_nothing(django_user_model):
    visitor = django_user_model.objects.create_user("visitor", password="a-long-test-password")
    with pytest.raises(PermissionDenied):
        create_organization(user=visitor, name="Haifa Port", country=make_country())
    assert not Organization.objects.exists()


def test_the_admin_asks_to_confirm_a_similar_name_then_records_it_with_its_contacts(client, admin_user):
    make_organization("Qingdao Port Group")
    client.force_login(admin_user)
    url = reverse("admin:partners_organization_add")
    data = change_form_data(
        client.get(url),
        name="Qingdao Port",
        kind="port",
        country=make_country("CN", "China").pk,
        **{"contacts-TOTAL_FORMS": "1", "contacts-0-name": "Zhang Jun"},
    )

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Similar organizations are already recorded: “Qingdao Port Group” (Germany)." in refused.text
    assert not Organization.objects.filter(name="Qingdao Port").exists()

    response = client.post(url, {**data, "confirm_similar": "on"})
    assert response.status_code == 302
    created = Organization.objects.get(name="Qingdao Port")
    assert created.created_by == admin_user
    contact = Contact.objects.get(organization=created)
    assert (contact.name, contact.created_by) == ("Zhang Jun", admin_user)
