"""Switching the interface to Simplified Chinese through Django's set_language view."""

import pytest

from projects.models import Stage
from tests.conftest import make_project

CHINESE_STAGES = ["线索", "洽谈", "意向", "签约", "落地", "开工", "投产"]


@pytest.fixture
def officer_client(client, owner):
    client.force_login(owner)
    return client


def switch_to_chinese(client):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302


def test_pages_speak_english_until_the_language_is_switched(officer_client):
    page = officer_client.get("/").content.decode()
    assert "My work" in page
    assert "我的工作" not in page


def test_my_work_in_chinese(officer_client):
    switch_to_chinese(officer_client)
    response = officer_client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in page
    assert "我的工作" in page
    assert "My work" not in page


def test_project_list_shows_chinese_stage_names(officer_client, owner):
    make_project("Sino-German battery plant", officer=owner, stage=Stage.NEGOTIATING)
    switch_to_chinese(officer_client)
    response = officer_client.get("/projects/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="badge stage-badge stage-negotiating">洽谈</span>' in page
    for name in CHINESE_STAGES:
        assert name in page, name
    assert "Negotiating" not in page


def test_switching_back_to_english(officer_client):
    switch_to_chinese(officer_client)
    officer_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "My work" in officer_client.get("/").content.decode()
