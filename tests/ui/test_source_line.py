"""A record's source reads as a citation that opens on its quote; officers' forms do not offer to edit it."""

import pytest
from django.urls import reverse

from core.provenance import citations
from crm.forms.records import AgreementForm, DelegationForm, EventForm, MeetingForm
from partners.forms import ContactForm, OrganizationForm
from projects.forms import ProjectForm
from tests.conftest import make_organization, make_project

SEEDED = (
    '000_4c29bc11d0cc8af9.txt:L1453-1454 "was officially put into operation on April 17"; '
    '000_4c29bc11d0cc8af9.txt:L935 "CIMC Cold Chain"'
)


def test_a_seeded_reference_reads_as_the_brochure_its_lines_and_quote():
    first, second = citations(SEEDED)
    assert first.label == "Qingdao investment brochure, 2019, lines 1453–1454"
    assert first.quote == "was officially put into operation on April 17"
    assert second.label == "Qingdao investment brochure, 2019, line 935"


def test_anything_else_is_kept_as_written():
    (only,) = citations("ISO 3166-1 alpha-2 code; supplied by the park committee")[:1]
    assert only.label == "ISO 3166-1 alpha-2 code"
    assert only.quote == ""
    assert citations("") == []


@pytest.mark.django_db
def test_the_project_page_shows_the_readable_line_opening_on_the_quote(owner_client, owner):
    project = make_project("Helicopter line", officer=owner, provenance=SEEDED)
    html = owner_client.get(project.get_absolute_url()).content.decode()
    assert "000_4c29bc11d0cc8af9.txt" not in html
    assert "<summary>Qingdao investment brochure, 2019, lines 1453–1454</summary>" in html
    assert "“was officially put into operation on April 17”" in html


@pytest.mark.django_db
def test_the_organization_page_shows_the_readable_line(owner_client):
    organization = make_organization("Airbus Helicopters", provenance=SEEDED)
    html = owner_client.get(organization.get_absolute_url()).content.decode()
    assert "000_4c29bc11d0cc8af9.txt" not in html
    assert "Qingdao investment brochure, 2019, line 935" in html


@pytest.mark.parametrize(
    "form", [AgreementForm, DelegationForm, EventForm, MeetingForm, ContactForm, OrganizationForm, ProjectForm]
)
def test_officers_forms_do_not_offer_the_source(form):
    assert "provenance" not in form.base_fields


@pytest.mark.django_db
def test_the_admin_keeps_the_source(client, admin_user):
    project = make_project("Helicopter line", provenance=SEEDED)
    client.force_login(admin_user)
    html = client.get(reverse("admin:projects_investmentproject_change", args=[project.pk])).content.decode()
    assert 'name="provenance"' in html
