"""A text longer than its field allows is refused with the limit named, never cut; the page counts characters."""

import pytest
from django.urls import reverse

from crm.forms.records import MeetingForm
from projects.models import InvestmentProject
from tests.conftest import make_organization

pytestmark = pytest.mark.django_db


def test_no_field_lets_the_browser_cut_the_text(owner):
    form = MeetingForm(user=owner)
    title = form.fields["title"].widget.attrs
    assert "maxlength" not in title
    assert title["data-maxlength"] == "300"
    assert ' maxlength="300"' not in str(form["title"])


def test_a_long_project_name_is_refused_naming_the_limit(owner_client):
    data = {"name": "x" * 554, "project_type": "greenfield", "signed_on_precision": "day", "direction": "inbound"}
    response = owner_client.post(reverse("projects:project_create"), data)
    assert response.status_code == 200
    limit = InvestmentProject._meta.get_field("name").max_length
    assert f"Ensure this value has at most {limit} characters (it has 554)." in response.content.decode()
    assert not InvestmentProject.objects.exists()


def test_the_admin_does_not_cut_either(client, admin_user):
    organization = make_organization("Siemens AG")
    client.force_login(admin_user)
    html = client.get(reverse("admin:partners_organization_change", args=[organization.pk])).content.decode()
    assert "maxlength=" not in html.split('name="name"')[0].rsplit("<input", 1)[1]


def test_the_counter_script_is_on_every_page(owner_client):
    assert "js/crm-counter.js" in owner_client.get(reverse("crm:meeting_create")).content.decode()
