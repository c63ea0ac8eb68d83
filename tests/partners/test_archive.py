"""Officers archive organizations and contacts instead of deleting them."""

import pytest
from django.urls import reverse

from tests.conftest import make_organization
from tests.partners.helpers import add_contact

pytestmark = pytest.mark.django_db


def test_archived_organization_leaves_the_list_and_stays_reachable(client, owner):
    organization = make_organization("Defunct trading house")
    client.force_login(owner)
    response = client.post(reverse("partners:organization_archive", args=[organization.pk]), {"action": "archive"})
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.is_archived
    listed = client.get(reverse("partners:organization_list")).context["object_list"]
    assert organization not in listed
    archived = client.get(reverse("partners:organization_list") + "?archived=true").context["object_list"]
    assert organization in archived
    assert client.get(organization.get_absolute_url()).status_code == 200
    client.post(reverse("partners:organization_archive", args=[organization.pk]), {"action": "restore"})
    organization.refresh_from_db()
    assert not organization.is_archived


def test_archived_contact_leaves_the_list(client, owner):
    contact = add_contact(make_organization("Hana Bank"), "Retired banker")
    client.force_login(owner)
    client.post(reverse("partners:contact_archive", args=[contact.pk]), {"action": "archive"})
    contact.refresh_from_db()
    assert contact.is_archived
    assert contact not in client.get(reverse("partners:contact_list")).context["object_list"]
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Restore" in page


def test_refused_without_change_permission(client, django_user_model):
    organization = make_organization("Hana Bank")
    contact = add_contact(organization, "Banker")
    client.force_login(django_user_model.objects.create_user("visitor", password="a-long-password-1"))
    assert (
        client.post(reverse("partners:organization_archive", args=[organization.pk]), {"action": "archive"}).status_code
        == 403
    )
    assert client.post(reverse("partners:contact_archive", args=[contact.pk]), {"action": "archive"}).status_code == 403
    organization.refresh_from_db()
    contact.refresh_from_db()
    assert not organization.is_archived and not contact.is_archived
