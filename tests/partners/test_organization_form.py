"""Creating and editing organizations; a likely duplicate needs a deliberate "create anyway"."""

import pytest
from django.urls import reverse

from partners.models import Organization
from tests.conftest import make_country, make_organization

pytestmark = pytest.mark.django_db
CREATE = reverse("partners:organization_create")


def form_data(**overrides):
    data = {
        "name": "Qingdao Port International",
        "name_zh": "青岛港国际",
        "kind": "port",
        "country": make_country("CN", "China").pk,
        "city": "Qingdao",
        "website": "",
        "notes": "",
        "provenance": "",
    }
    data.update(overrides)
    return data


def test_officer_creates_an_organization(client, owner):
    client.force_login(owner)
    response = client.post(CREATE, form_data())
    organization = Organization.objects.get(name="Qingdao Port International")
    assert response.status_code == 302 and response.url == organization.get_absolute_url()
    assert (organization.kind, organization.city, organization.created_by) == ("port", "Qingdao", owner)


def test_similar_name_warns_and_asks_to_confirm(client, owner):
    existing = make_organization("Qingdao Port International Co., Ltd.")
    client.force_login(owner)
    response = client.post(CREATE, form_data())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This may be a duplicate. Similar organizations already exist:" in html
    assert f'<a href="{existing.get_absolute_url()}">Qingdao Port International Co., Ltd.</a>' in html
    assert 'name="confirm_similar"' in html
    assert Organization.objects.count() == 1

    response = client.post(CREATE, form_data(confirm_similar="on"))
    assert response.status_code == 302
    assert Organization.objects.filter(name="Qingdao Port International").exists()


def test_similar_chinese_name_warns_too(client, owner):
    make_organization("QPI", name_zh="青岛港国际股份有限公司")
    client.force_login(owner)
    response = client.post(CREATE, form_data(name="青岛港国际"))
    assert "Similar organizations" in response.content.decode()
    assert Organization.objects.count() == 1


def test_exact_duplicate_name_is_a_form_error(client, owner):
    make_organization("Qingdao Port International")
    client.force_login(owner)
    response = client.post(CREATE, form_data(name="qingdao port  international", confirm_similar="on"))
    assert response.context["form"].errors["name"] == [
        "“Qingdao Port International” is already recorded; use it instead of recording it again."
    ]
    assert Organization.objects.count() == 1


def test_bad_input_saves_nothing(client, owner):
    client.force_login(owner)
    response = client.post(CREATE, form_data(name="", website="not a url", kind="spaceport"))
    errors = response.context["form"].errors
    assert {"name", "website", "kind"} <= set(errors)
    assert not Organization.objects.exists()


def test_edit_keeps_its_own_name_without_warning(client, owner):
    organization = make_organization("Haier Group", city="Qingdao")
    client.force_login(owner)
    data = form_data(name="Haier Group", city="Laoshan", version=organization.version)
    response = client.post(reverse("partners:organization_update", args=[organization.pk]), data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.city == "Laoshan"


def test_edit_cannot_make_an_organization_its_own_parent(client, owner):
    organization = make_organization("Haier Group")
    client.force_login(owner)
    data = form_data(name="Haier Group", parent=organization.pk, version=organization.version)
    response = client.post(reverse("partners:organization_update", args=[organization.pk]), data)
    assert "parent" in response.context["form"].errors
    organization.refresh_from_db()
    assert organization.parent is None


def test_stale_edit_is_refused(client, owner):
    organization = make_organization("Haier Group")
    opened_at = organization.version
    organization.city = "Qingdao"
    organization.save()
    client.force_login(owner)
    data = form_data(name="Haier Group", city="Laoshan", version=opened_at)
    response = client.post(reverse("partners:organization_update", args=[organization.pk]), data)
    assert "Your changes were not saved" in response.content.decode()
    organization.refresh_from_db()
    assert organization.city == "Qingdao"


def test_refused_without_permission(client, django_user_model):
    organization = make_organization("Haier Group")
    client.force_login(django_user_model.objects.create_user("visitor", password="a-long-password-1"))
    assert client.post(CREATE, form_data()).status_code == 403
    update = reverse("partners:organization_update", args=[organization.pk])
    assert client.post(update, form_data(name="Renamed")).status_code == 403
    assert list(Organization.objects.values_list("name", flat=True)) == ["Haier Group"]
