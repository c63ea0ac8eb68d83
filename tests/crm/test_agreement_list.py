"""The agreement register: kinds, status, dates, project or not, party, and a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import Agreement, AgreementParty
from tests.conftest import make_agreement, make_organization, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:agreement_list")
PARTNER = AgreementParty.Side.PARTNER


def titles(response):
    return sorted(agreement.title for agreement in response.context["object_list"])


def test_filters_by_several_kinds_status_and_dates(owner_client):
    make_agreement("MOU Teva", kind=Agreement.Kind.MOU, signed_on=date(2019, 6, 3))
    make_agreement("LOI Siemens", kind=Agreement.Kind.LETTER_OF_INTENT, signed_on=date(2019, 6, 6))
    make_agreement("Contract LG", kind=Agreement.Kind.INVESTMENT_CONTRACT, status=Agreement.Status.IN_FORCE)
    assert titles(owner_client.get(URL, {"kind": ["mou", "loi"]})) == ["LOI Siemens", "MOU Teva"]
    assert titles(owner_client.get(URL, {"status": "in_force"})) == ["Contract LG"]
    assert titles(owner_client.get(URL, {"signed_after": "2019-06-04"})) == ["LOI Siemens"]
    assert titles(owner_client.get(URL, {"signed_before": "2019-06-02"})) == ["Contract LG"]


def test_has_project_and_party_filters(owner_client):
    teva = make_organization("Teva")
    produced = make_agreement("Produced a project", parties=[(teva, PARTNER)])
    produced.projects.add(make_project())
    make_agreement("Still only paper")
    assert titles(owner_client.get(URL, {"has_project": "true"})) == ["Produced a project"]
    assert titles(owner_client.get(URL, {"has_project": "false"})) == ["Still only paper"]
    assert titles(owner_client.get(URL, {"party": teva.pk})) == ["Produced a project"]


def test_projects_column_leaves_out_confidential_projects_of_others(client, owner, other_officer):
    agreement = make_agreement("MOU")
    agreement.projects.add(make_project("Hidden plant", officer=owner, is_confidential=True))
    client.force_login(other_officer)
    assert "Hidden plant" not in client.get(URL).content.decode()
    client.force_login(owner)
    assert "Hidden plant" in client.get(URL).content.decode()


def test_search_by_party_name_lists_each_agreement_once(owner_client):
    make_agreement(
        "Port MOU", parties=[(make_organization("Haifa Port"), PARTNER), (make_organization("Haifa Bay"), PARTNER)]
    )
    response = owner_client.get(URL, {"q": "haifa"})
    assert response.context["result_count"] == 1


def test_query_count_does_not_grow_with_rows(owner_client, owner):
    def add(count, start):
        for number in range(start, start + count):
            agreement = make_agreement(
                f"Agreement {number:03}", parties=[(make_organization(f"Partner {number:03}"), PARTNER)]
            )
            agreement.projects.add(make_project(f"Plant {number:03}", officer=owner))

    add(2, 0)
    few = queries_for(owner_client, f"{URL}?per_page=100", shows=["Agreement 001", "Partner 001", "Plant 001"])
    add(58, 2)
    many = queries_for(
        owner_client, f"{URL}?per_page=100", shows=["Agreement 000", "Agreement 059", "Partner 059", "Plant 059"]
    )
    assert many == few
