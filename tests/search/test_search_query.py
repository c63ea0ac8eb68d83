"""Global search: Chinese bigrams, pinyin, case and accents, ranking, and the visibility policy."""

import pytest

from core.search.query import search
from tests.conftest import make_contact, make_delegation, make_organization, make_project

pytestmark = pytest.mark.django_db


def titles(user, query, kind=None):
    results = search(user, query)
    assert not results.message, results.message
    return [hit.title for group in results.groups if kind in (None, group.kind) for hit in group.hits]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("商务", "Qingdao Bureau of Commerce"),
        ("海尔", "Haier Group"),
        ("haier", "Haier Group"),
        ("HAIER", "Haier Group"),
        ("qingdao gang", "Qingdao Port Group"),
        ("qingdaogang", "Qingdao Port Group"),
        ("qdg", "Qingdao Port Group"),
        ("青岛港", "Qingdao Port Group"),
        ("Sao Paulo", "Câmara de Comércio São Paulo"),
        ("são paulo", "Câmara de Comércio São Paulo"),
        ("camara comercio", "Câmara de Comércio São Paulo"),
    ],
)
def test_finds_organizations_as_people_type_them(manager, records, query, expected):
    assert expected in titles(manager, query, "organizations")


def test_a_query_that_matches_nothing_finds_nothing(manager, records):
    assert titles(manager, "商场") == []
    assert titles(manager, "haierx") == []


def test_every_word_must_match(manager, records):
    assert titles(manager, "qingdao port", "organizations") == ["Qingdao Port Group"]


def test_projects_are_found_by_reference_code(manager, records):
    project = records["open"]
    project.refresh_from_db()
    assert project.reference
    assert titles(manager, project.reference, "projects") == ["Haier smart factory"]


def test_two_character_chinese_finds_projects_too(manager, records):
    assert set(titles(manager, "海尔", "projects")) == {"Haier smart factory"}  # the secret one has no Chinese name


def test_exact_title_first_then_prefix_then_word(manager, db):
    make_organization("Alpha Haier")
    make_organization("Haier Europe")
    make_organization("Haier")
    assert titles(manager, "haier", "organizations") == ["Haier", "Haier Europe", "Alpha Haier"]


def test_confidential_project_only_for_its_officer_and_managers(owner, other_officer, manager, records):
    assert "Haier secret expansion" in titles(owner, "haier secret")
    assert "Haier secret expansion" in titles(manager, "haier secret")
    assert titles(other_officer, "haier secret") == []
    assert "Haier smart factory" in titles(other_officer, "haier")


def test_groups_come_in_registered_order_with_totals_and_more_links(manager, db):
    for number in range(7):
        make_organization(f"Lotus Trading {number}")
    make_contact("Lotus Wang")
    make_project("Lotus harbour")
    make_delegation("Lotus trip")
    results = search(manager, "lotus")
    assert [group.kind for group in results.groups] == ["organizations", "contacts", "projects", "delegations"]
    organizations = results.groups[0]
    assert organizations.total == 7 and len(organizations.hits) == 5
    assert organizations.more_url == "/partners/organizations/?q=lotus"


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Type a name"),
        ("   ", "Type a name"),
        ("x" * 101, "at most 100 characters"),
        ("!!! ???", "nothing to search for"),
        ("\x00", "nothing to search for"),
    ],
)
def test_bad_queries_get_a_message(manager, query, message):
    results = search(manager, query)
    assert message in results.message
    assert results.groups == []


def test_a_long_query_is_cut_to_its_first_words_and_says_so(manager, db):
    results = search(manager, "a b c d e f g h i j")
    assert "first 8 words" in results.note
