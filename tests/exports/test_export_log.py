"""Each export is written down; managers see the record on /exports/ and in the admin, officers do not."""

import pytest
from django.urls import reverse

from crm.models import ListExport
from tests.conftest import make_project
from tests.exports.conftest import export_csv, export_xlsx

pytestmark = pytest.mark.django_db
LOG = reverse("crm:export_list")


def test_each_export_is_recorded_with_who_which_list_filters_and_rows(as_user, owner):
    for number in range(3):
        make_project(f"Port project {number}", officer=owner)
    make_project("Battery plant", officer=owner)
    client = as_user(owner)
    export_csv(client, reverse("projects:project_list"), {"q": "port", "o": "-name"})
    export_xlsx(client, reverse("partners:organization_list"))
    first, second = ListExport.objects.order_by("pk")
    assert (first.user, first.list_name, first.file_format, first.row_count) == (owner, "investment-projects", "csv", 3)
    assert first.filters == {"q": "port", "o": "-name"}
    assert (second.list_name, second.file_format, second.filters) == ("organizations", "xlsx", {})


def test_a_page_view_is_not_recorded(as_user, owner):
    as_user(owner).get(reverse("projects:project_list"))
    assert not ListExport.objects.exists()


def test_managers_see_the_record_of_exports(as_user, owner, manager):
    make_project("Port project", officer=owner)
    export_csv(as_user(owner), reverse("projects:project_list"), {"q": "port"})
    response = as_user(manager).get(LOG)
    assert response.status_code == 200
    content = response.content.decode()
    assert "investment-projects" in content
    assert "q=port" in content
    assert [export.user for export in response.context["object_list"]] == [owner]


def test_officers_are_refused_the_record_of_exports(as_user, owner):
    assert as_user(owner).get(LOG).status_code == 403


def test_a_visitor_signed_out_is_sent_to_log_in(client):
    assert client.get(LOG).status_code == 302


def test_the_dashboard_links_to_the_record_for_managers(as_user, manager):
    assert LOG in as_user(manager).get(reverse("crm:dashboard")).content.decode()


def test_the_admin_lists_exports_read_only(as_user, admin_user, owner):
    export_csv(as_user(owner), reverse("projects:project_list"))
    client = as_user(admin_user)
    response = client.get(reverse("admin:crm_listexport_changelist"))
    assert response.status_code == 200
    assert "investment-projects" in response.content.decode()
    assert client.get(reverse("admin:crm_listexport_add")).status_code == 403
