"""A date known only to the month is written as the month on every page, never as its first day."""

from datetime import date

from django.urls import reverse

from crm.models import AgreementParty
from tests.conftest import make_agreement, make_contact, make_delegation, make_meeting, make_organization, make_project

JUNE = date(2019, 6, 1)


def test_the_project_list_writes_a_month_signing_as_the_month(owner_client, owner):
    make_project("Haier innovation center", officer=owner, signed_on=JUNE, signed_on_precision="month")
    html = owner_client.get(reverse("projects:project_list")).content.decode()
    assert "June 2019" in html
    assert "1 June 2019" not in html


def test_record_pages_write_month_meetings_and_agreements_as_the_month(owner_client, owner):
    organization = make_organization("Haifa Port")
    project = make_project("Haifa Port terminal", officer=owner, investor=organization)
    meeting = make_meeting("Talks at Haifa Port", date=JUNE, date_precision="month", project=project)
    meeting.organizations.add(organization)
    agreement = make_agreement("Sister port agreement", signed_on=JUNE, date_precision="month")
    AgreementParty.objects.create(agreement=agreement, organization=organization, side=AgreementParty.Side.PARTNER)
    agreement.projects.add(project)
    contact = make_contact("Eshel Armony", organization=organization)
    delegation = make_delegation("Delegation to Israel", start_date=JUNE, end_date=JUNE, date_precision="month")
    delegation.members.add(contact)

    for url in (project.get_absolute_url(), organization.get_absolute_url(), contact.get_absolute_url()):
        html = owner_client.get(url).content.decode()
        assert "June 2019" in html, url
        assert "1 June 2019" not in html, url
