"""The search index follows saves and deletes, raw loads included, and the rebuild command rewrites it."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from core.models import SearchEntry, SearchToken
from core.search.query import search
from tests.conftest import make_organization, make_project

pytestmark = pytest.mark.django_db


def found(user, query):
    return [hit.title for group in search(user, query).groups for hit in group.hits]


def test_a_new_record_is_found_at_once(manager):
    make_organization("Sinotrans Qingdao", name_zh="中外运青岛")
    assert found(manager, "中外") == ["Sinotrans Qingdao"]
    entry = SearchEntry.objects.get(title="Sinotrans Qingdao")
    assert {"zhongwaiyunqingdao", "zwyqd", "中外", "外运"} <= set(entry.terms.split())


def test_a_renamed_record_is_found_by_its_new_name_only(manager):
    organization = make_organization("Old Name Trading")
    organization.name = "Bright Star Trading"
    organization.save()
    assert found(manager, "bright") == ["Bright Star Trading"]
    assert found(manager, "old name") == []
    assert SearchEntry.objects.count() == 1


def test_a_deleted_record_leaves_the_index(manager):
    organization = make_organization("Short Lived Ltd")
    organization.delete()
    assert found(manager, "short lived") == []
    assert not SearchEntry.objects.exists() and not SearchToken.objects.exists()


def test_a_new_project_is_found_by_its_reference(manager):
    project = make_project("Harbour crane plant")
    project.refresh_from_db()
    assert found(manager, project.reference) == ["Harbour crane plant"]


def test_loaddata_raw_saves_are_indexed(manager, tmp_path):
    organization = make_organization("Loaded Later GmbH")
    country = organization.country
    fixture = tmp_path / "org.json"
    fields = {"name": "Raw Loaded AG", "name_zh": "青岛啤酒", "kind": "company", "country": country.pk}
    fields.update(created_at="2019-06-01T00:00:00Z", updated_at="2019-06-01T00:00:00Z")
    fixture.write_text(json.dumps([{"model": "partners.organization", "pk": 900, "fields": fields}]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert found(manager, "啤酒") == ["Raw Loaded AG"]


def test_rebuild_command_restores_a_lost_index_and_drops_stale_entries(manager):
    make_organization("Tsingtao Brewery", name_zh="青岛啤酒")
    project = make_project("Brewery expansion")
    SearchEntry.objects.all().delete()
    # An entry of a record deleted behind the index's back (a bulk delete sends no signal).
    SearchEntry.objects.create(
        content_type=ContentType.objects.get_for_model(project), object_id=99999, kind="projects", title="Gone"
    )
    call_command("rebuild_search_index", "--batch-size", "1", verbosity=0)
    assert found(manager, "qingdao pijiu") == ["Tsingtao Brewery"]
    assert found(manager, "brewery") == ["Tsingtao Brewery", "Brewery expansion"]
    assert not SearchEntry.objects.filter(title="Gone").exists()
    assert SearchEntry.objects.count() == 2
