"""The organization page: its fields, group, contacts, projects, agreements, meetings, follow-ups, timeline."""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import AgreementParty
from tests.conftest import (
    make_agreement,
    make_follow_up,
    make_meeting,
    make_organization,
    make_project,
)
from tests.partners.helpers import add_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(owner):
    group = make_organization("Siemens AG", city="Munich")
    siemens = make_organization(
        "Siemens Healthineers",
        name_zh="西门子医疗",
        parent=group,
        city="Erlangen",
        website="https://www.siemens-healthineers.com",
        provenance="Brochure, line 212: “Siemens Healthineers”",
    )
    make_organization("Siemens Healthineers Shanghai", parent=siemens)
    add_contact(siemens, "Dr. Anna Weber", title="Head of Asia")
    make_project(name="Imaging plant", investor=siemens, stage="intent")
    make_project(name="Hidden hospital deal", investor=siemens, is_confidential=True, officer=owner)
    agreement = make_agreement("Healthcare MOU", signed_on=date(2019, 6, 5))
    AgreementParty.objects.create(agreement=agreement, organization=siemens, side="partner")
    meeting = make_meeting("Talks in Erlangen", date=date(2019, 6, 4))
    meeting.organizations.add(siemens)
    make_follow_up(owner, "Send the park brochure", organization=siemens)
    return siemens


def page(client, user, organization):
    client.force_login(user)
    return client.get(reverse("partners:organization_detail", args=[organization.pk]))


def test_shows_the_organization_and_what_it_is_part_of(client, other_officer, organization):
    response = page(client, other_officer, organization)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "西门子医疗",
        "Erlangen",
        "https://www.siemens-healthineers.com",
        "Siemens AG",
        "Siemens Healthineers Shanghai",
        "Dr. Anna Weber",
        "Head of Asia",
        "Imaging plant",
        "Healthcare MOU",
        "Partner side",
        "Talks in Erlangen",
        "Send the park brochure",
        "Brochure, line 212",
    ]:
        assert text in html, text
    kinds = {entry.kind for entry in response.context["timeline"]}
    assert kinds == {"agreement", "meeting", "follow_up"}


def test_confidential_projects_only_for_who_may_see_them(client, owner, other_officer, manager, organization):
    assert "Hidden hospital deal" not in page(client, other_officer, organization).content.decode()
    assert "Hidden hospital deal" in page(client, owner, organization).content.decode()
    assert "Hidden hospital deal" in page(client, manager, organization).content.decode()


def test_add_follow_up_and_add_contact_links(client, owner, organization):
    html = page(client, owner, organization).content.decode()
    assert f"{reverse('crm:followup_create')}?organization={organization.pk}&amp;next=" in html
    assert f"{reverse('partners:contact_create')}?organization={organization.pk}" in html


def test_edit_and_archive_for_officers_who_may_change(client, owner, organization):
    html = page(client, owner, organization).content.decode()
    assert reverse("partners:organization_update", args=[organization.pk]) in html
    assert reverse("partners:organization_archive", args=[organization.pk]) in html
