"""Likely duplicates before a new organization is saved, and the managers' list of possible duplicates."""

import pytest
from django.urls import reverse

from partners.duplicates import duplicate_groups, likely_duplicates
from partners.models import Organization
from partners.names import name_key
from partners.services import SimilarOrganizations, check_organization_name, create_organization
from tests.conftest import make_country, make_organization
from tests.partners.helpers import queries_for

pytestmark = pytest.mark.django_db
DUPLICATES = reverse("partners:organization_duplicates")


def test_name_key_drops_legal_forms_and_reads_chinese_as_pinyin():
    assert name_key("Brose Fahrzeugteile GmbH") == name_key("Brose Fahrzeugteile SE & Co. KG") == "brosefahrzeugteile"
    assert name_key("Qingdao Gang") == name_key("青岛港") == "qingdaogang"
    assert name_key("Haier Co., Ltd.") == "haier"
    assert name_key("株式会社デンソー") == "デンソー"


def test_name_keys_are_kept_on_save():
    organization = make_organization("Brose Fahrzeugteile GmbH", name_zh="博泽汽车部件有限公司")
    assert (organization.name_key, organization.name_zh_key) == ("brosefahrzeugteile", "bozeqichebujian")
    organization.name = "Brose SE"
    organization.save()
    assert Organization.objects.get(pk=organization.pk).name_key == "brose"


def test_brose_pair_is_caught_before_saving(owner):
    brose = make_organization("Brose Fahrzeugteile SE & Co. KG")
    make_organization("Siemens AG")
    with pytest.raises(SimilarOrganizations) as refusal:
        create_organization(user=owner, name="Brose Fahrzeugteile GmbH", country=make_country())
    assert [(found, found.similarity) for found in refusal.value.similar] == [(brose, 100)]
    assert Organization.objects.count() == 2


def test_pinyin_finds_the_chinese_name():
    port = make_organization("Qingdao Port Group", name_zh="青岛港")
    assert likely_duplicates("Qingdao Gang") == [port]
    assert likely_duplicates("青岛港")[0] == port


def test_a_typing_slip_is_caught_with_its_score():
    siemens = make_organization("Siemens Healthineers AG")
    [found] = likely_duplicates("Siemens Healthineer")
    assert found == siemens and 90 <= found.similarity < 100


def test_candidates_are_ranked_best_first():
    make_organization("Qingdao Port International")
    exact = make_organization("Qingdao Port Group Co., Ltd.")
    found = likely_duplicates("Qingdao Port Group")
    assert found[0] == exact and found[0].similarity == 100
    assert [organization.similarity for organization in found] == sorted(
        (organization.similarity for organization in found), reverse=True
    )


def test_unrelated_names_and_merged_records_are_not_offered():
    make_organization("Bosch Rexroth AG")
    keep = make_organization("Brose Fahrzeugteile SE & Co. KG")
    make_organization("Brose Fahrzeugteile GmbH", merged_into=keep, is_archived=True)
    assert likely_duplicates("Brose Fahrzeugteile") == [keep]
    assert likely_duplicates("Continental") == []


def test_confirming_records_the_near_duplicate(owner):
    make_organization("Brose Fahrzeugteile SE & Co. KG")
    assert check_organization_name("Brose Fahrzeugteile GmbH", confirm_similar=True) == "Brose Fahrzeugteile GmbH"


def test_the_form_warning_offers_use_this_one(client, owner):
    brose = make_organization("Brose Fahrzeugteile SE & Co. KG")
    client.force_login(owner)
    data = {"name": "Brose Fahrzeugteile GmbH", "kind": "company", "country": brose.country_id, "website": ""}
    html = client.post(reverse("partners:organization_create"), data).content.decode()
    assert "Use this one" in html and "100% alike" in html
    assert f'href="{brose.get_absolute_url()}">Use this one' in html.replace("\n", "")


def test_duplicate_groups_join_keys_and_near_names():
    brose = make_organization("Brose Fahrzeugteile SE & Co. KG")
    brose_gmbh = make_organization("Brose Fahrzeugteile GmbH")
    port = make_organization("Qingdao Port Group", name_zh="青岛港")
    gang = make_organization("Qingdao Gang")
    siemens = make_organization("Siemens Healthineers")
    slip = make_organization("Siemens Healthineer AG")
    make_organization("Haier Group")
    groups = duplicate_groups()
    assert [set(group.pks) for group in groups] == [
        {brose.pk, brose_gmbh.pk},
        {port.pk, gang.pk},
        {siemens.pk, slip.pk},
    ]


def test_manager_sees_the_groups_with_merge_links(client, manager):
    keep = make_organization("Brose Fahrzeugteile GmbH")
    away = make_organization("Brose Fahrzeugteile SE & Co. KG")
    client.force_login(manager)
    html = client.get(DUPLICATES).content.decode()
    assert reverse("partners:organization_merge", args=[away.pk]) + f"?keep={keep.pk}" in html


def test_officer_and_anonymous_are_refused(client, owner):
    assert client.get(DUPLICATES).status_code == 302
    client.force_login(owner)
    assert client.get(DUPLICATES).status_code == 403


def _pairs(count):
    country = make_country()
    names = []
    for number in range(count // 2):
        word = "".join(chr(ord("a") + int(digit)) for digit in f"{number:04d}")[::-1]
        base = f"{word.capitalize()} Werke"
        Organization.objects.create(name=f"{base} GmbH", country=country)
        Organization.objects.create(name=f"{base} SE & Co. KG", country=country)
        names.append(f"{base} GmbH")
    return names


def test_a_run_of_near_names_does_not_chain_into_one_group():
    names = ["Zeta Alpha Werke", "Zeta Alphb Werke", "Zeta Alphc Werke", "Zeta Alphd Werke"]
    for name in names:
        make_organization(name)
    groups = duplicate_groups()
    assert groups and all(len(group.pks) == 2 for group in groups)


def test_duplicates_list_query_count_does_not_grow(client, manager):
    client.force_login(manager)
    few = queries_for(client, DUPLICATES, shows=_pairs(2))
    Organization.objects.all().delete()
    many_names = _pairs(60)
    many = queries_for(client, DUPLICATES, shows=sorted(many_names)[:25])
    assert few == many
    assert "Page 1 of 2" in client.get(DUPLICATES).content.decode()


def test_logging_a_visit_offers_the_brose_near_duplicate_to_use(client, owner):
    from tests.crm.test_visit_log import URL, visit_data

    brose = make_organization("Brose Fahrzeugteile SE & Co. KG")
    bureau = make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))
    client.force_login(owner)
    data = visit_data(
        owner,
        brose,
        bureau,
        **{
            "meetings-0-organizations": [],
            "meetings-0-new_organization": "Brose Fahrzeugteile GmbH",
            "meetings-0-new_organization_country": brose.country_id,
        },
    )
    html = client.post(URL, data).content.decode()
    assert f'data-use-organization="{brose.pk}"' in html
    assert 'data-use-target="id_meetings-0-organizations"' in html
    assert 'data-use-clear="id_meetings-0-new_organization"' in html
    assert "js/crm-use-organization.js" in html
    assert not Organization.objects.filter(name="Brose Fahrzeugteile GmbH").exists()


def test_the_api_refuses_the_near_duplicate_with_its_candidates_and_scores(owner):
    from rest_framework.test import APIClient

    brose = make_organization("Brose Fahrzeugteile SE & Co. KG")
    client = APIClient()
    client.force_login(owner)
    data = {"name": "Brose Fahrzeugteile GmbH", "kind": "company", "country": brose.country_id}
    response = client.post("/api/v1/organizations/", data, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["similar"] == [{"id": brose.pk, "name": brose.name, "score": 100}]
    created = client.post("/api/v1/organizations/", {**data, "confirm_similar": True}, format="json")
    assert created.status_code == 201, created.content
